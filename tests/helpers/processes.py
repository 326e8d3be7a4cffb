"""Running manage.py and Python in a process of their own, with an environment of the test's choosing."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # where manage.py is


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
