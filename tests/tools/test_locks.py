"""The lock files hold exactly the versions the readable lists pin: `make lock` was run after every change."""

import re
from pathlib import Path

import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s;]+)", re.M)


def pins(path):
    return {
        name.lower().replace("_", "-"): version for name, version in PIN.findall((BASE / path).read_text())
    }


@pytest.mark.parametrize(
    ("listed", "lock"),
    [("requirements.txt", "requirements.lock"), ("requirements-dev.txt", "requirements-dev.lock")],
)
def test_every_pin_is_in_its_lock_at_the_same_version(listed, lock):
    locked = pins(lock)
    assert {name: locked.get(name) for name in pins(listed)} == pins(listed)


def test_the_development_lock_has_the_runtime_lock_inside_it():
    runtime, development = pins("requirements.lock"), pins("requirements-dev.lock")
    assert {name: development.get(name) for name in runtime} == runtime


def test_every_locked_package_carries_hashes():
    for lock in ("requirements.lock", "requirements-dev.lock"):
        blocks = re.findall(r"^[A-Za-z0-9][^\n]*==[^\n]*(?:\n[ #][^\n]*)*", (BASE / lock).read_text(), re.M)
        assert len(blocks) == len(pins(lock)) > 40
        for block in blocks:
            assert "--hash=sha256:" in block, block.splitlines()[0]
