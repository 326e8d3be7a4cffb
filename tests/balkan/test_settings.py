import os
import subprocess
import sys

from tests.helpers.processes import ROOT, run_manage


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
