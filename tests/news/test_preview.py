"""Staff preview drafts and past versions on the public template; everyone else gets a 404."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.helpers.news import news_form_data


def preview_url(item, version=None):
    if version is None:
        return reverse("news:preview", args=[item.pk])
    return reverse("news:preview-revision", args=[item.pk, version.history_id])


@pytest.mark.django_db
def test_editor_previews_a_draft_on_the_public_template(editor_client, make_news):
    item = make_news(status="draft", title="Draft about Kosovo", body="<p>Not yet public.</p>")
    response = editor_client.get(preview_url(item))
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "news/newsitem_detail.html"
    html = response.content.decode()
    assert "<h1>Draft about Kosovo</h1>" in html and "Not yet public." in html
    assert "Not public (Draft): only staff can see this page." in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert 'rel="canonical"' not in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_preview_of_a_scheduled_story_says_when_it_appears(publisher_client, make_news):
    item = make_news(status="published", publish_at=timezone.now() + datetime.timedelta(days=1))
    html = publisher_client.get(preview_url(item)).content.decode()
    assert "Scheduled: this story becomes public on" in html


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["draft", "review", "published", "archived"])
def test_the_public_gets_404_at_preview_addresses(client, django_user_model, make_news, status):
    item = make_news(status=status)
    version = item.history.first()
    assert client.get(preview_url(item)).status_code == 404
    assert client.get(preview_url(item, version)).status_code == 404
    assert client.get("/ja" + preview_url(item)).status_code == 404
    reader = django_user_model.objects.create_user("reader", password="a long enough secret")
    client.force_login(reader)
    assert client.get(preview_url(item)).status_code == 404
    assert client.get(preview_url(item, version)).status_code == 404


@pytest.mark.django_db
def test_staff_without_news_permission_gets_404(client, django_user_model, make_news):
    item = make_news(status="draft")
    client.force_login(django_user_model.objects.create_user("clerk", password="x" * 20, is_staff=True))
    assert client.get(preview_url(item)).status_code == 404


@pytest.mark.django_db
def test_preview_of_an_unknown_item_or_version_is_404(editor_client, make_news):
    item = make_news(status="draft")
    other = make_news(status="draft")
    assert editor_client.get(reverse("news:preview", args=[999_999])).status_code == 404
    # A version of another story is not a version of this one.
    wrong = reverse("news:preview-revision", args=[item.pk, other.history.first().history_id])
    assert editor_client.get(wrong).status_code == 404


@pytest.mark.django_db
def test_a_past_version_is_previewed_with_its_own_text_in_both_languages(editor_client, make_news):
    item = make_news(status="draft", title="First title", body="<p>First text.</p>", title_ja="最初の題")
    first = item.history.first()
    editor_client.post(
        reverse("admin:news_newsitem_change", args=[item.pk]),
        news_form_data(item, title_en="Second title", title_ja="二番目の題", body_en="<p>Second text.</p>"),
    )
    html = editor_client.get(preview_url(item, first)).content.decode()
    assert "First title" in html and "First text." in html and "Second text." not in html
    assert "The version of" in html
    japanese = editor_client.get("/ja" + preview_url(item, first)).content.decode()
    assert "最初の題" in japanese and "二番目の題" not in japanese
    current = editor_client.get(preview_url(item)).content.decode()
    assert "Second text." in current


@pytest.mark.django_db
def test_admin_links_to_the_preview(editor_client, make_news):
    item = make_news(status="draft")
    change = editor_client.get(reverse("admin:news_newsitem_change", args=[item.pk])).content.decode()
    assert f'href="{preview_url(item)}"' in change
    history = editor_client.get(reverse("admin:news_newsitem_history", args=[item.pk])).content.decode()
    assert f'href="{preview_url(item, item.history.first())}"' in history
