"""Fixtures of the tests in tests/staff/."""

import pytest


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", "a long secret phrase")
