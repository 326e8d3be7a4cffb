"""Security headers on every route: CSP, frame protection, nosniff, referrer, COOP, permissions, HSTS."""

import html.parser
import re

import pytest
from django.test import override_settings

from tests.helpers.processes import run_manage
from tests.helpers.routes import EMBED_PATH, HTML_PATHS, OTHER_PATHS

STRICT_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def policy(response):
    """Return the response's Content-Security-Policy as {directive: sources}."""
    directives = [part.strip() for part in response["Content-Security-Policy"].split(";") if part.strip()]
    return {name: " ".join(rest) for name, *rest in (directive.split() for directive in directives)}


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "geolocation", "microphone", "payment", "usb"):
        assert f"{feature}=()" in permissions


@pytest.mark.django_db
@pytest.mark.parametrize("path", [*HTML_PATHS, *OTHER_PATHS, "/no-such-page/", "/news/?year=abc"])
def test_public_routes_have_the_strict_policy_and_cannot_be_framed(client, site_content, path):
    response = client.get(path)
    assert response.status_code in (200, 400, 404), path
    assert policy(response) == STRICT_POLICY
    assert response["X-Frame-Options"] == "DENY"
    assert_common_headers(response)


@pytest.mark.django_db
def test_only_the_country_embed_may_be_framed_by_other_sites(client, site_content):
    response = client.get(EMBED_PATH)
    assert response.status_code == 200
    assert policy(response) == {**STRICT_POLICY, "frame-ancestors": "*"}
    assert "X-Frame-Options" not in response
    assert_common_headers(response)
    # The embed of an unknown country is an ordinary page again.
    assert policy(client.get("/countries/atlantis/embed/"))["frame-ancestors"] == "'none'"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/admin/login/", "/admin/", "/admin/news/newsitem/add/"])
def test_admin_relaxes_only_style_attributes_for_ckeditor(client, admin_user, path):
    if path != "/admin/login/":
        client.force_login(admin_user)
    response = client.get(path)
    assert response.status_code == 200
    assert policy(response) == {**STRICT_POLICY, "style-src-attr": "'unsafe-inline'"}
    assert response["X-Frame-Options"] == "DENY"
    assert_common_headers(response)


@pytest.mark.django_db
def test_uploaded_media_is_served_with_nosniff_and_the_strict_policy(client, settings):
    (settings.MEDIA_ROOT / "uploads").mkdir(parents=True)
    (settings.MEDIA_ROOT / "uploads" / "note.txt").write_text("hello")
    response = client.get("/media/uploads/note.txt")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert policy(response)["default-src"] == "'self'"


class InlineCode(html.parser.HTMLParser):
    """Collect what a policy without 'unsafe-inline' would block."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        # JSON-LD is data, never executed, and CSP does not apply to it.
        if tag == "script" and "src" not in attributes and attributes.get("type") != "application/ld+json":
            self.found.append("inline <script>")
        if tag == "style":
            self.found.append("<style> element")
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f"{name}= on <{tag}>")
            if name in ("href", "src", "action") and value and re.match(r"\s*javascript:", value, re.I):
                self.found.append(f"javascript: URL on <{tag}>")


@pytest.mark.django_db
@pytest.mark.parametrize("path", [*HTML_PATHS, EMBED_PATH, "/no-such-page/", "/news/?year=abc"])
def test_public_pages_have_no_inline_script_or_style(client, site_content, path):
    response = client.get(path)
    parser = InlineCode()
    parser.feed(response.content.decode())
    assert parser.found == [], path


@pytest.mark.django_db
@override_settings(
    SECURE_SSL_REDIRECT=True,
    SECURE_HSTS_SECONDS=31536000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SECURE_HSTS_PRELOAD=True,
)
def test_over_https_pages_send_hsts_and_plain_http_is_redirected(client, site_content):
    response = client.get("/news/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    redirect = client.get("/news/?page=1")
    assert redirect.status_code == 301
    assert redirect["Location"] == "https://testserver/news/?page=1"
    # Load balancers probe the health check over plain HTTP.
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
def test_over_https_the_session_and_csrf_cookies_are_secure(client, staff_user):
    staff_user(username="editor", password="a long enough passphrase 42")
    login_page = client.get("/admin/login/", secure=True)
    assert login_page.cookies["csrftoken"]["secure"]
    response = client.post(
        "/admin/login/",
        {"username": "editor", "password": "a long enough passphrase 42", "next": "/admin/"},
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    # Gone when the browser closes: no Max-Age or Expires on the cookie.
    assert not session["max-age"] and not session["expires"]


def test_https_setting_turns_on_every_transport_protection(tmp_path):
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, "
        "s.CONTENT_SECURITY_POLICY['DIRECTIVES']['upgrade-insecure-requests'])"
    )
    on = run_manage("shell", "--no-imports", "-c", code, HTTPS="1", VAR_DIR=str(tmp_path))
    assert on.stdout.split() == ["True", "True", "True", "31536000", "True", "True", "True"], on.stderr
    off = run_manage("shell", "--no-imports", "-c", code, HTTPS="0", VAR_DIR=str(tmp_path))
    assert off.stdout.split() == ["False", "False", "False", "0", "False", "False", "False"], off.stderr


def test_media_bucket_domain_is_the_only_other_origin_for_images(tmp_path):
    code = "from django.conf import settings as s; print(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        AWS_STORAGE_BUCKET_NAME="balkan-media",
        AWS_S3_CUSTOM_DOMAIN="media.balkan.example",
        VAR_DIR=str(tmp_path),
    )
    assert result.stdout.strip() == "[\"'self'\", 'data:', 'https://media.balkan.example']", result.stderr
