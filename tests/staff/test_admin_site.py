"""The admin site's optional two-factor login: with a password alone until an authenticator app is enrolled, then with its code."""

import datetime

import pytest
import time_machine
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff.models import AuditEntry
from tests.helpers.accounts import current_code, is_in_admin, log_in


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
