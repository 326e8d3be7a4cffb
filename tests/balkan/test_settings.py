import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    # Only the browser tests' process may run the ORM beside Playwright's event loop.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {**inherited, "DJANGO_SETTINGS_MODULE": "balkan.settings", **env}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_with_production_values(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        HTTPS="1",
        DEBUG="0",
        ALLOWED_HOSTS="balkan.example",
        SITE_URL="https://balkan.example",
        SECRET_KEY="x" * 20 + "a-long-random-production-secret-key-0123456789",
        VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_secret_key_is_generated_once_into_var(tmp_path):
    env = {"SECRET_KEY": "", "VAR_DIR": str(tmp_path)}
    first = run_manage(
        "shell", "--no-imports", "-c", "from django.conf import settings; print(settings.SECRET_KEY)", **env
    )
    second = run_manage(
        "shell", "--no-imports", "-c", "from django.conf import settings; print(settings.SECRET_KEY)", **env
    )
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout and len(first.stdout.strip()) >= 50
    assert (tmp_path / "secret_key").read_text().strip() == first.stdout.strip()
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_debug_is_off_by_default(tmp_path):
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DEBUG)",
        DEBUG="",
        VAR_DIR=str(tmp_path),
    )
    assert result.stdout.strip() == "False"


def test_importing_the_settings_changes_neither_the_environment_nor_the_disk(tmp_path):
    """Only the entry points prepare var/; an empty variable is unset for the settings, not deleted."""
    var = tmp_path / "not-yet"
    script = (
        "import os, balkan.settings as s\n"
        "print(repr(os.environ['DATABASE_URL']), s.DATABASES['default']['ENGINE'], s.VAR_DIR.exists())\n"
    )
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**inherited, "DATABASE_URL": "", "VAR_DIR": str(var), "SECRET_KEY": "k" * 50},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["''", "django.db.backends.sqlite3", "False"]
    assert not var.exists()


def test_without_a_key_the_settings_say_how_to_get_one(tmp_path):
    inherited = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "SECRET_KEY")}
    done = subprocess.run(
        [sys.executable, "-c", "import balkan.settings"],
        cwd=ROOT,
        env={**inherited, "VAR_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "SECRET_KEY is not set" in done.stderr and "run any manage.py command once" in done.stderr
