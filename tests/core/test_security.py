"""The hardening middleware: NUL characters, oversized bodies, the CSP, staff pages never stored, login lifetime."""

import pytest
import time_machine
from django.urls import reverse

from core.security import is_database_outage, service_unavailable

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "address", ["/search/?q=a%00b", "/news/?country=slovenia&tag=%00", "/news/?year=%00"]
)
def test_a_nul_character_in_a_parameter_the_page_reads_is_a_400_first_and_cached(client, address):
    for _ in range(2):
        response = client.get(address)
        assert response.status_code == 400
        assert b"NUL" in response.content


def test_a_body_larger_than_the_limit_is_refused_with_413_from_its_length_alone(client, settings):
    settings.MAX_REQUEST_BODY_BYTES = 1_000
    response = client.post("/search/", data=b"x" * 10, content_type="text/plain", CONTENT_LENGTH="1001")
    assert response.status_code == 413
    assert b"at most 1,000 bytes" in response.content


def test_a_body_within_the_limit_goes_through(client, settings):
    settings.MAX_REQUEST_BODY_BYTES = 1_000
    response = client.post("/admin/login/", data=b"x" * 10, content_type="text/plain")
    assert response.status_code not in (400, 413)


def test_a_content_length_that_is_not_a_number_is_a_400(client):
    response = client.post("/admin/login/", data=b"", content_type="text/plain", CONTENT_LENGTH="ten")
    assert response.status_code == 400


@pytest.mark.parametrize("path", ["/", "/ja/", "/news/"])
def test_public_pages_carry_the_strict_policy_first_and_cached(client, site_pages, path):
    for _ in range(2):
        policy = client.get(path)["Content-Security-Policy"]
        assert "default-src 'self'" in policy or "default-src 'none'" in policy
        assert "style-src-attr 'unsafe-inline'" not in policy


def test_the_admin_alone_gets_the_relaxation_its_editor_needs(admin_client):
    assert "style-src-attr 'unsafe-inline'" in admin_client.get("/admin/")["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["/admin/", "/admin/password_change/"])
def test_staff_pages_are_never_stored(admin_client, path):
    response = admin_client.get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_login_page_is_never_stored(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_public_pages_may_be_stored(client, site_pages):
    assert "no-store" not in client.get("/").get("Cache-Control", "")


def test_a_login_ends_after_its_absolute_age_however_active(client, settings, django_user_model):
    settings.SESSION_ABSOLUTE_AGE = 3600
    user = django_user_model.objects.create_user("sam", password="a long enough secret", is_staff=True)
    with time_machine.travel("2030-01-20 09:00Z", tick=False) as traveller:
        client.force_login(user)
        assert client.get("/admin/").status_code == 200
        traveller.shift(3000)
        assert client.get("/admin/").status_code == 200
        traveller.shift(700)
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_the_outage_page_asks_to_come_back_and_is_never_stored():
    response = service_unavailable()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"


def test_only_database_errors_count_as_an_outage():
    from django.db import InterfaceError, OperationalError

    assert is_database_outage(OperationalError("gone")) and is_database_outage(InterfaceError("closed"))
    assert not is_database_outage(ValueError("a bug"))
