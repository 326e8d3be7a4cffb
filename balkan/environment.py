"""The environment as the settings read it, and the one folder the site writes beside its code.

Variables come from the process, then from `.env` beside `manage.py` for those the
process does not set; an empty value means unset (`DATABASE_URL= make test-sqlite`
uses the default). They are read into a copy: importing the settings changes
nothing, neither `os.environ` nor the disk. The entry points (`manage.py`,
`balkan/wsgi.py`, the test settings) call `prepare_var_dir()` first, which creates
`VAR_DIR` and, when no SECRET_KEY is set, a key generated once into it.
"""

import os
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent


class Env(environ.Env):
    ENVIRON = dict(os.environ)


Env.read_env(BASE_DIR / ".env", overwrite=False)
Env.ENVIRON = {name: value for name, value in Env.ENVIRON.items() if value != ""}
env = Env()

VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))
SECRET_KEY_FILE = VAR_DIR / "secret_key"


def prepare_var_dir():
    """Create VAR_DIR and, unless SECRET_KEY is set, a secret key in it readable by this user only."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    if env.str("SECRET_KEY", default="") or SECRET_KEY_FILE.exists():
        return
    from django.core.management.utils import get_random_secret_key

    try:
        descriptor = os.open(SECRET_KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use theirs
        return
    with os.fdopen(descriptor, "w") as key_file:
        key_file.write(get_random_secret_key())
