"""The about and contact pages, edited by staff in English and Japanese."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from model_bakery import baker

from balkan.models import Page
from tests.helpers.workflow import publish_pending_change

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_editor_client(client, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="a long secret phrase", is_staff=True)
    editor.user_permissions.add(*Permission.objects.filter(codename__in=["view_page", "change_page"]))
    client.force_login(editor)
    return client


def form_data(**changes):
    data = {
        "key": "about",
        "title_en": "About BALKAN",
        "title_ja": "BALKANについて",
        "summary_en": "Who we are.",
        "summary_ja": "私たちについて。",
        "body_en": "<p>The network links Japan and the Balkans.</p>",
        "body_ja": "<p>日本とバルカンを結ぶネットワークです。</p>",
    }
    data.update(changes)
    return data


def test_staff_edit_the_about_page_in_both_languages(page_editor_client, client):
    page = baker.make(Page, key="about", title_en="About")
    url = reverse("admin:balkan_page_change", args=[page.pk])
    assert page_editor_client.get(url).status_code == 200
    response = page_editor_client.post(url, form_data())
    assert response.status_code == 302
    assert "<h1>About BALKAN</h1>" not in client.get("/about/").content.decode(), "it waits for review"
    publish_pending_change(page)

    english = client.get("/about/").content.decode()
    assert "<h1>About BALKAN</h1>" in english
    assert "The network links Japan and the Balkans." in english
    japanese = client.get("/ja/about/").content.decode()
    assert "<h1>BALKANについて</h1>" in japanese
    assert "日本とバルカンを結ぶネットワークです。" in japanese
    assert '<p class="lead">私たちについて。</p>' in japanese


def test_the_contact_page_is_edited_the_same_way(page_editor_client, client):
    page = baker.make(Page, key="contact", title_en="Contact")
    url = reverse("admin:balkan_page_change", args=[page.pk])
    response = page_editor_client.post(
        url, form_data(key="contact", title_en="Write to us", title_ja="お問い合わせ")
    )
    assert response.status_code == 302
    publish_pending_change(page)
    assert "<h1>Write to us</h1>" in client.get("/contact/").content.decode()
    assert "<h1>お問い合わせ</h1>" in client.get("/ja/contact/").content.decode()


def test_a_page_without_japanese_shows_english_marked_as_english(client):
    baker.make(Page, key="about", title_en="About", summary_en="Who we are.", body_en="<p>Text.</p>")
    html = client.get("/ja/about/").content.decode()
    assert '<h1 lang="en">About</h1>' in html
    assert '<p class="lead" lang="en">Who we are.</p>' in html
    assert '<div class="prose" lang="en"><p>Text.</p></div>' in html
    assert '<html lang="ja">' in html


def test_a_failed_save_keeps_what_the_editor_typed(page_editor_client):
    page = baker.make(Page, key="about", title_en="About")
    url = reverse("admin:balkan_page_change", args=[page.pk])
    response = page_editor_client.post(url, form_data(title_en="", body_ja="<p>丁寧に書いた本文。</p>"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "This field is required" in html
    assert "丁寧に書いた本文。" in html
    page.refresh_from_db()
    assert page.title_en == "About"


def test_scripts_typed_into_a_page_are_removed(page_editor_client, client):
    page = baker.make(Page, key="about", title_en="About")
    url = reverse("admin:balkan_page_change", args=[page.pk])
    page_editor_client.post(url, form_data(body_ja='<p onclick="x()">本文<script>alert(1)</script></p>'))
    publish_pending_change(page)
    assert page.body_ja == "<p>本文</p>"
    assert "<script>" not in client.get("/ja/about/").content.decode()


def test_only_staff_with_permission_edit_pages(client, django_user_model):
    page = baker.make(Page, key="about", title_en="About")
    url = reverse("admin:balkan_page_change", args=[page.pk])
    assert client.get(url).status_code == 302  # to the login page
    staff = django_user_model.objects.create_user("staff", password="a long secret phrase", is_staff=True)
    client.force_login(staff)
    assert client.post(url, form_data(title_en="Defaced")).status_code == 403
    page.refresh_from_db()
    assert page.title_en == "About"


def test_pages_cannot_be_deleted(page_editor_client, django_user_model):
    page = baker.make(Page, key="about", title_en="About")
    boss = django_user_model.objects.create_superuser("boss", "boss@example.org", "a long secret phrase")
    page_editor_client.force_login(boss)
    assert (
        page_editor_client.post(
            reverse("admin:balkan_page_delete", args=[page.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert Page.objects.filter(pk=page.pk).exists()


def test_a_missing_page_is_a_404_in_the_site_style(client):
    response = client.get("/contact/")
    assert response.status_code == 404
    assert 'class="site-header"' in response.content.decode()


@pytest.mark.parametrize("url", ["/about/", "/ja/contact/"])
def test_a_site_page_costs_one_query(client, site_pages, django_assert_num_queries, url):
    with django_assert_num_queries(1):
        assert client.get(url).status_code == 200
