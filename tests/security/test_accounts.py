"""Accounts: lock-out after failed logins, passwords, session expiry (two-factor: tests/staff/test_admin_site.py)."""

import datetime

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from staff.models import AuditEntry
from tests.helpers.accounts import is_in_admin, log_in
from tests.helpers.caches import clear_caches


@pytest.mark.django_db
def test_sixth_login_after_five_wrong_passwords_is_refused_even_with_the_right_one(client, staff_user):
    staff_user()
    for _ in range(5):
        response = log_in(client, password="wrong password")
        assert response.status_code in (200, 429)
    response = log_in(client)
    assert response.status_code == 429
    assert b"Too many failed logins" in response.content
    assert not is_in_admin(client)
    assert AuditEntry.objects.filter(action="locked-out", username="editor").exists()


@pytest.mark.django_db
def test_five_wrong_passwords_lock_the_account_and_the_lock_lifts_after_the_cool_off(client, staff_user):
    staff_user()
    with time_machine.travel(datetime.datetime(2030, 1, 1, 9, tzinfo=datetime.UTC), tick=False) as clock:
        for _ in range(4):
            assert log_in(client, password="wrong password").status_code == 200
        assert log_in(client, password="wrong password").status_code == 429
        assert log_in(client).status_code == 429
        clock.shift(datetime.timedelta(minutes=59))
        assert log_in(client).status_code == 429
        # Every attempt during the lock-out starts the hour again.
        clock.shift(datetime.timedelta(minutes=59))
        assert log_in(client).status_code == 429
        clock.shift(datetime.timedelta(minutes=61))
        assert log_in(client).status_code == 302
        assert is_in_admin(client)


@pytest.mark.django_db
def test_a_right_password_resets_the_count_of_failures(client, staff_user):
    staff_user()
    for _ in range(4):
        log_in(client, password="wrong password")
    assert log_in(client).status_code == 302
    client.post("/admin/logout/")
    for _ in range(4):
        log_in(client, password="wrong password")
    assert log_in(client).status_code == 302


@pytest.mark.django_db
def test_a_locked_account_does_not_lock_other_accounts(client, staff_user):
    staff_user()
    staff_user(username="publisher")
    for _ in range(6):
        log_in(client, password="wrong password")
    assert log_in(client, username="publisher").status_code == 302


@pytest.mark.parametrize(
    "password",
    ["short pass", "password1234", "12345678901234", "editor-editor-1"],
    ids=["too-short", "common", "numeric", "like-the-user-name"],
)
def test_weak_passwords_are_refused(django_user_model, password):
    user = django_user_model(username="editor-editor", email="editor@balkan.example")
    with pytest.raises(ValidationError):
        validate_password(password, user)


@pytest.mark.django_db
def test_admin_names_the_password_field_when_a_new_user_gets_a_weak_password(admin_client):
    response = admin_client.post(
        "/admin/auth/user/add/",
        {"username": "newbie", "password1": "balkan", "password2": "balkan", "usable_password": "true"},
    )
    assert response.status_code == 200
    assert "password2" in response.context["adminform"].form.errors


@pytest.mark.django_db
def test_an_idle_session_expires(client, staff_user):
    staff_user()
    with time_machine.travel(datetime.datetime(2030, 1, 1, 9, tzinfo=datetime.UTC), tick=False) as clock:
        log_in(client)
        clock.shift(datetime.timedelta(hours=5))
        assert is_in_admin(client)
        clock.shift(datetime.timedelta(hours=5))
        assert is_in_admin(client), "use renews the session"
        client.post("/admin/logout/")
        log_in(client)
        clock.shift(datetime.timedelta(hours=8, minutes=1))
        # Redis expires its copy of the session by its own clock, which cannot travel in
        # time; the database copy carries the expiry date that this checks.
        clear_caches()
        assert not is_in_admin(client)


@pytest.mark.django_db
def test_a_login_lasts_at_most_twelve_hours_however_active(client, staff_user):
    staff_user()
    with time_machine.travel(datetime.datetime(2030, 1, 1, 9, tzinfo=datetime.UTC), tick=False) as clock:
        log_in(client)
        for _ in range(5):
            clock.shift(datetime.timedelta(hours=2))
            assert is_in_admin(client)
        clock.shift(datetime.timedelta(hours=2, minutes=1))
        assert not is_in_admin(client)
