"""Test settings: only what makes the suite faster; everything else is production's."""

from balkan.settings import *  # noqa: F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
