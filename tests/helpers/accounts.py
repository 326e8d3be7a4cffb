"""Logging in to the admin as a person does: the form, the password, the code of an authenticator app."""

import time

from django_otp.oath import TOTP

PASSWORD = "a long enough passphrase 42"


def log_in(client, username="editor", password=PASSWORD, **extra):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password, **extra})


def is_in_admin(client):
    return client.get("/admin/").status_code == 200


def current_code(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"
