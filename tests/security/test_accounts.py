"""Accounts: lock-out after failed logins, passwords, session expiry, two-factor, audit log."""

import datetime
import time

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff import audit
from staff.models import AuditEntry
from tests.helpers.caches import clear_caches

PASSWORD = "a long enough passphrase 42"


def log_in(client, username="editor", password=PASSWORD, **extra):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password, **extra})


def is_in_admin(client):
    return client.get("/admin/").status_code == 200


def current_code(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


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


@pytest.fixture
def enrolled_editor(staff_user):
    user = staff_user()
    return user, TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


@pytest.mark.django_db
def test_staff_without_two_factor_log_in_with_their_password(client, staff_user):
    staff_user()
    assert log_in(client).status_code == 302
    assert is_in_admin(client)


@pytest.mark.django_db
def test_staff_with_two_factor_need_the_code(client, enrolled_editor):
    user, device = enrolled_editor
    response = log_in(client)
    assert response.status_code == 200
    assert "otp_token" in response.context["form"].errors
    assert not is_in_admin(client)
    response = log_in(client, otp_token="000000" if current_code(device) != "000000" else "111111")
    assert "otp_token" in response.context["form"].errors
    assert not is_in_admin(client)
    # A wrong code makes the device wait a moment (django-otp's throttling) before the next try.
    with time_machine.travel(datetime.timedelta(seconds=5)):
        assert log_in(client, otp_token=current_code(device)).status_code == 302
        assert is_in_admin(client)


@pytest.mark.django_db
def test_a_session_without_the_code_never_reaches_the_admin_of_an_enrolled_account(client, enrolled_editor):
    user, _device = enrolled_editor
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get("/admin/news/newsitem/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_staff_enrol_an_authenticator_app_in_admin_and_then_need_its_code(client, staff_user):
    user = staff_user()
    log_in(client)
    page = client.get("/admin/two-factor/")
    assert page.status_code == 200
    assert b'src="data:image/svg+xml;base64,' in page.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post("/admin/two-factor/", {"otp_token": "12345"})
    assert "otp_token" in wrong.context["form"].errors
    with time_machine.travel(datetime.timedelta(seconds=5)):
        assert client.post("/admin/two-factor/", {"otp_token": current_code(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert is_in_admin(client), "the enrolling session counts as verified"
    assert AuditEntry.objects.filter(user=user, action="2fa-enabled").exists()

    client.post("/admin/logout/")
    assert log_in(client).status_code == 200
    with time_machine.travel(datetime.timedelta(seconds=40)):
        assert log_in(client, otp_token=current_code(device)).status_code == 302


@pytest.mark.django_db
def test_staff_turn_two_factor_off_with_a_current_code(client, enrolled_editor):
    user, device = enrolled_editor
    log_in(client, otp_token=current_code(device))
    with time_machine.travel(datetime.timedelta(seconds=31)):
        response = client.post("/admin/two-factor/", {"otp_token": current_code(device)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert AuditEntry.objects.filter(user=user, action="2fa-disabled").exists()


@pytest.mark.django_db
def test_logins_logouts_and_failures_are_in_the_audit_log_without_passwords(client, staff_user):
    user = staff_user()
    log_in(client, password="wrong password")
    log_in(client)
    client.post("/admin/logout/")
    entries = list(
        AuditEntry.objects.order_by("pk").values_list("action", "username", "user_id", "ip_address")
    )
    assert entries == [
        ("login-failed", "editor", None, "127.0.0.1"),
        ("login", "editor", user.pk, "127.0.0.1"),
        ("logout", "editor", user.pk, "127.0.0.1"),
    ]
    stored = " ".join(str(value) for entry in AuditEntry.objects.values() for value in entry.values())
    assert "wrong password" not in stored and PASSWORD not in stored


@pytest.mark.django_db
def test_admin_changes_and_recorded_publishing_are_in_the_audit_log(admin_client, admin_user, make_news):
    item = make_news(status="draft")
    response = admin_client.post(f"/admin/news/newsitem/{item.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    deleted = AuditEntry.objects.get(action="deleted")
    assert (deleted.user, deleted.object_repr, deleted.object_id) == (admin_user, item.title, str(item.pk))

    other = make_news()
    entry = audit.record(admin_user, audit.Action.PUBLISHED, other)
    assert entry.content_type.model_class().objects.get(pk=entry.object_id) == other
    assert str(entry).endswith(f"{admin_user.username} Published {other.title}")


@pytest.mark.django_db
def test_the_audit_log_is_read_only_even_for_superusers(admin_client, admin_user):
    entry = audit.record(admin_user, audit.Action.LOGIN)
    assert admin_client.get("/admin/staff/auditentry/").status_code == 200
    assert admin_client.get(f"/admin/staff/auditentry/{entry.pk}/change/").status_code == 200
    assert admin_client.get("/admin/staff/auditentry/add/").status_code == 403
    assert (
        admin_client.post(f"/admin/staff/auditentry/{entry.pk}/change/", {"action": "logout"}).status_code
        == 403
    )
    assert (
        admin_client.post(f"/admin/staff/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    entry.refresh_from_db()
    assert entry.action == "login"
