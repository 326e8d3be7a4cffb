"""Fixtures of the security tests (the routes they visit are in tests/helpers/routes.py)."""

import pytest
from django.contrib.auth.models import Permission


@pytest.fixture
def staff_user(django_user_model):
    """Return a factory of staff users with the given model permissions ("news.change_newsitem")."""

    def make(username="editor", password="a long enough passphrase 42", permissions=(), **flags):
        user = django_user_model.objects.create_user(
            username=username, password=password, is_staff=True, **flags
        )
        for name in permissions:
            app_label, codename = name.split(".")
            user.user_permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        return user

    return make
