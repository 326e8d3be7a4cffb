"""The layout: imports run one way, as the contracts in pyproject.toml ([tool.importlinter]) say."""

import subprocess
import sys
from pathlib import Path

from django.conf import settings


def test_imports_run_one_way():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(lint_imports), "--no-cache"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_the_shared_building_blocks_live_in_core():
    base = Path(settings.BASE_DIR)
    for module in (
        "richtext",
        "images",
        "renditions",
        "dates",
        "filters",
        "history",
        "slugs",
        "social",
        "security",
    ):
        assert (base / "core" / f"{module}.py").exists(), module
        assert not (base / "balkan" / f"{module}.py").exists(), module


def test_staff_tooling_lives_in_its_own_app_and_the_project_keeps_none_of_it():
    base = Path(settings.BASE_DIR)
    for module in (
        "admin_site",
        "attention",
        "audit",
        "third_party",
        "templatetags/balkan_admin",
        "management/commands/backup",
        "management/commands/restore",
    ):
        assert (base / "staff" / f"{module}.py").exists(), module
        assert not (base / "balkan" / f"{module}.py").exists(), module
    assert (base / "workflow" / "roles.py").exists() and not (base / "news" / "roles.py").exists()
