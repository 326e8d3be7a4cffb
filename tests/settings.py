"""Test settings: only what makes the suite faster; everything else is production's."""

from balkan.environment import prepare_var_dir

prepare_var_dir()  # what manage.py does first, for a suite started by pytest alone

from balkan.settings import *  # noqa: E402,F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Each test process (xdist worker) gets its own cache namespace, so one worker's
# cache clearing or page entries never reach another's.
import os  # noqa: E402

_worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
if "KEY_PREFIX" in CACHES["default"]:  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] += f"-test-{_worker}"  # noqa: F405
if CACHES["shared"]["BACKEND"].endswith("FileBasedCache"):  # noqa: F405
    # One test process is one server: its memory is shared by everything in it, and faster than files.
    CACHES["shared"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"}  # noqa: F405

if DATABASES["default"]["ENGINE"] == "core.postgresql":  # noqa: F405
    DATABASES["default"]["ENGINE"] = "tests.helpers.postgresql"  # noqa: F405 - flushed by DELETE (see there)
