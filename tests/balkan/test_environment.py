"""The environment as the settings read it: an empty value is unset, importing changes nothing, var/ made on entry."""

import os
import subprocess
import sys

from tests.helpers.processes import ROOT, run_manage


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


def read_environment(code, **variables):
    """Run `code` after importing balkan.environment in a process with `variables` set; return its output."""
    inherited = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", *variables)}
    done = subprocess.run(
        [sys.executable, "-c", "import os\nfrom balkan import environment as e\n" + code],
        cwd=ROOT,
        env={**inherited, **variables},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_an_empty_value_means_unset_and_the_default_applies():
    code = "print(e.env.str('SITE_URL', default='the default'), e.env.bool('DEBUG', default=False))"
    assert read_environment(code, SITE_URL="", DEBUG="") == "the default False"
    assert (
        read_environment(code, SITE_URL="https://balkan.example", DEBUG="1") == "https://balkan.example True"
    )


def test_reading_leaves_the_process_environment_as_it_was():
    assert read_environment("print(repr(os.environ['SITE_URL']))", SITE_URL="") == "''"


def test_var_dir_is_where_the_variable_says_and_is_not_made_by_importing(tmp_path):
    var = tmp_path / "var-here"
    code = "print(e.VAR_DIR, e.SECRET_KEY_FILE.name, e.VAR_DIR.exists())"
    assert read_environment(code, VAR_DIR=str(var)) == f"{var} secret_key False"


def test_preparing_var_makes_the_folder_and_no_key_when_one_is_set(tmp_path):
    var = tmp_path / "var-here"
    code = "e.prepare_var_dir(); print(e.VAR_DIR.is_dir(), e.SECRET_KEY_FILE.exists())"
    assert read_environment(code, VAR_DIR=str(var), SECRET_KEY="k" * 50) == "True False"


def test_a_key_already_in_var_is_kept(tmp_path):
    (tmp_path / "secret_key").write_text("the key made before")
    code = "e.prepare_var_dir(); print(e.SECRET_KEY_FILE.read_text())"
    assert read_environment(code, VAR_DIR=str(tmp_path), SECRET_KEY="") == "the key made before"
