"""The admin speaks each staff member's language: the one they chose, else their browser's."""

import pytest
from django.test import Client

from workflow.models import StaffPreference

pytestmark = pytest.mark.django_db


def admin_page(user, accept_language="", path="/admin/"):
    client = Client(HTTP_ACCEPT_LANGUAGE=accept_language) if accept_language else Client()
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize(
    ("browser", "chosen", "language", "says"),
    [
        ("ja,en;q=0.5", None, "ja", "サイトの編集"),
        ("en-GB,en;q=0.8", None, "en", "Editing the site"),
        ("en-GB,en;q=0.8", "ja", "ja", "サイトの編集"),
        ("ja", "en", "en", "Editing the site"),
    ],
)
def test_the_admin_speaks_the_chosen_language_else_the_browsers(editor, browser, chosen, language, says):
    if chosen:
        StaffPreference.objects.create(user=editor, language=chosen)
    response = admin_page(editor, browser)
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert says in html
    assert response["Content-Language"] == language


def test_the_login_page_follows_the_browser():
    html = Client(HTTP_ACCEPT_LANGUAGE="ja").get("/admin/login/").content.decode()
    assert '<html lang="ja"' in html


def test_public_pages_keep_the_language_of_their_address(editor, make_country):
    StaffPreference.objects.create(user=editor, language="ja")
    client = Client()
    client.force_login(editor)
    assert '<html lang="en"' in client.get("/countries/").content.decode()
    assert '<html lang="ja"' in client.get("/ja/countries/").content.decode()


def test_staff_choose_their_own_language_and_nobody_elses(editor, publisher):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(editor)
    page = client.get("/admin/workflow/staffpreference/", follow=True)
    assert page.status_code == 200 and 'name="language"' in page.content.decode()
    own = StaffPreference.objects.get(user=editor)
    response = client.post(f"/admin/workflow/staffpreference/{own.pk}/change/", {"language": "ja"})
    assert response.status_code == 302
    assert StaffPreference.objects.get(user=editor).language == "ja"
    assert "サイトの編集" in client.get("/admin/").content.decode()
    theirs = StaffPreference.objects.create(user=publisher, language="en")
    assert client.get(f"/admin/workflow/staffpreference/{theirs.pk}/change/").status_code in (302, 403, 404)
    client.post(f"/admin/workflow/staffpreference/{theirs.pk}/change/", {"language": "ja"})
    assert StaffPreference.objects.get(user=publisher).language == "en"
