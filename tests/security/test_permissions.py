"""Permission escapes: who may reach the admin and the editor upload, and what each may change."""

import pytest
from django.test import Client

from tests.helpers.images import image_bytes

ADMIN_PATHS = [
    "/admin/",
    "/admin/news/newsitem/",
    "/admin/news/newsitem/add/",
    "/admin/staff/auditentry/",
    "/admin/two-factor/",
    "/admin/otp_totp/totpdevice/",
    "/admin/auth/user/",
]


def upload(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        "/editor/upload/", {"upload": SimpleUploadedFile("a.png", image_bytes("PNG"), "image/png")}
    )


@pytest.mark.django_db
@pytest.mark.parametrize("path", ADMIN_PATHS)
def test_anonymous_and_non_staff_users_never_reach_the_admin(client, django_user_model, path):
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    client.force_login(
        django_user_model.objects.create_user("reader", password="a long enough passphrase 42")
    )
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_inactive_staff_cannot_log_in(client, staff_user):
    staff_user(is_active=False)
    response = client.post("/admin/login/", {"username": "editor", "password": "a long enough passphrase 42"})
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_only_staff_may_upload_through_the_editor(client, django_user_model, staff_user, settings):
    assert upload(client).status_code == 403
    client.force_login(
        django_user_model.objects.create_user("reader", password="a long enough passphrase 42")
    )
    assert upload(client).status_code == 403
    assert not (settings.MEDIA_ROOT / "uploads").exists()
    client.force_login(staff_user())
    assert upload(client).status_code == 200
    assert client.get("/editor/upload/").status_code == 405


@pytest.mark.django_db
def test_staff_without_permissions_cannot_see_add_change_or_delete_news(client, staff_user, make_news):
    item = make_news(title="Original title")
    client.force_login(staff_user())
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/news/newsitem/").status_code == 403
    assert client.get("/admin/news/newsitem/add/").status_code == 403
    assert client.post(f"/admin/news/newsitem/{item.pk}/change/", {"title_en": "Defaced"}).status_code == 403
    assert client.post(f"/admin/news/newsitem/{item.pk}/delete/", {"post": "yes"}).status_code == 403
    item.refresh_from_db()
    assert item.title == "Original title"


@pytest.mark.django_db
def test_staff_who_may_only_view_news_cannot_change_it(client, staff_user, make_news):
    item = make_news(title="Original title")
    client.force_login(staff_user(permissions=["news.view_newsitem"]))
    assert client.get(f"/admin/news/newsitem/{item.pk}/change/").status_code == 200
    response = client.post(f"/admin/news/newsitem/{item.pk}/change/", {"title_en": "Defaced"})
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.title == "Original title"


@pytest.mark.django_db
def test_staff_who_may_change_news_cannot_delete_it(client, staff_user, make_news):
    item = make_news()
    client.force_login(staff_user(permissions=["news.view_newsitem", "news.change_newsitem"]))
    assert client.post(f"/admin/news/newsitem/{item.pk}/delete/", {"post": "yes"}).status_code == 403
    assert type(item).objects.filter(pk=item.pk).exists()


@pytest.mark.django_db
def test_staff_cannot_make_themselves_superusers_or_read_the_audit_log(client, staff_user):
    user = staff_user(permissions=["news.view_newsitem"])
    client.force_login(user)
    response = client.post(
        f"/admin/auth/user/{user.pk}/change/", {"username": "editor", "is_superuser": "on"}
    )
    assert response.status_code == 403
    user.refresh_from_db()
    assert not user.is_superuser
    assert client.get("/admin/staff/auditentry/").status_code == 403
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 403


@pytest.mark.django_db
def test_admin_posts_need_the_csrf_token(staff_user, make_news):
    item = make_news(title="Original title")
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user(permissions=["news.view_newsitem", "news.change_newsitem"]))
    response = client.post(f"/admin/news/newsitem/{item.pk}/change/", {"title_en": "Forged"})
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.title == "Original title"
