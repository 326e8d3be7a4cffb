"""manage.py ensure_admin: the admin superuser made once, with the given password or a generated one shown once."""

import io
import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def ensure_admin():
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    return out.getvalue()


def test_the_given_password_is_used_and_never_printed(monkeypatch, django_user_model):
    from balkan.environment import env

    monkeypatch.setitem(env.ENVIRON, "DJANGO_SUPERUSER_PASSWORD", "a given long passphrase")
    output = ensure_admin()
    assert "a given long passphrase" not in output
    admin = django_user_model.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert admin.check_password("a given long passphrase")


def test_without_one_a_password_is_generated_and_shown_once(monkeypatch, django_user_model):
    from balkan.environment import env

    monkeypatch.delitem(env.ENVIRON, "DJANGO_SUPERUSER_PASSWORD", raising=False)
    output = ensure_admin()
    password = re.search(r"\(shown once\): (\S+)", output).group(1)
    assert len(password) >= 20
    assert django_user_model.objects.get(username="admin").check_password(password)


def test_a_second_run_changes_nothing(monkeypatch, django_user_model):
    from balkan.environment import env

    monkeypatch.delitem(env.ENVIRON, "DJANGO_SUPERUSER_PASSWORD", raising=False)
    first = ensure_admin()
    password = re.search(r"\(shown once\): (\S+)", first).group(1)
    second = ensure_admin()
    assert "exists already" in second and "shown once" not in second
    assert django_user_model.objects.filter(username="admin").count() == 1
    assert django_user_model.objects.get(username="admin").check_password(password)
