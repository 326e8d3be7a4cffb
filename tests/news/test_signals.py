"""What a change to news refreshes in the page cache: exactly the pages that show the story."""

import pytest
from django.urls import reverse

from tests.helpers.cached_pages import (
    PAGES,
    PUBLISH_REFRESHES,
    cache_every_page,
    publish_story,
    refreshed_pages,
)


@pytest.mark.django_db
def test_publishing_a_story_refreshes_exactly_the_pages_that_show_it(client, site):
    cache_every_page(client)
    publish_story(site)
    assert refreshed_pages(client) == PUBLISH_REFRESHES
    for name in ("home", "news", "news-feed", "slovenia", "slovenia-feed", "ljubljana-university"):
        assert "Kono visits Ljubljana" in client.get(PAGES[name]).content.decode(), name
    assert "kono-visits-ljubljana" in client.get("/sitemap.xml").content.decode()
    assert refreshed_pages(client) == set()  # and the fresh pages are cached again


@pytest.mark.django_db
def test_publishing_through_the_admin_refreshes_the_same_pages(client, site, django_user_model):
    cache_every_page(client)
    editor = django_user_model.objects.create_superuser(
        "editor", "editor@example.org", "a long secret phrase"
    )
    staff = type(client)()
    staff.force_login(editor)
    response = staff.post(
        reverse("admin:news_newsitem_add"),
        {
            "title_en": "Kono visits Ljubljana",
            "slug": "kono-visits-ljubljana",
            "summary_en": "Japan's foreign minister met Slovenian leaders.",
            "body_en": "<p>Japan and Slovenia agreed to deepen cooperation.</p>",
            "kind": "visit",
            "status": "published",
            "force_reason": "No second publisher in this test.",
            "publish_at_0": "2020-01-01",
            "publish_at_1": "10:00:00",
            "countries": [site["slovenia"].pk],
            "partners": [site["ljubljana"].pk],
            "tags": "Diplomacy",
            "images-TOTAL_FORMS": "0",
            "images-INITIAL_FORMS": "0",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    # Published in 2020: older than the 27 other stories, so it lands on page 2 of the list.
    assert refreshed_pages(client) == PUBLISH_REFRESHES
    assert "Kono visits Ljubljana" in client.get("/news/?page=2").content.decode()


@pytest.mark.django_db
def test_saving_a_draft_refreshes_nothing(client, site):
    cache_every_page(client)
    from news.models import NewsItem

    draft = NewsItem.objects.create(title="Not yet", slug="not-yet", status="draft")
    draft.countries.add(site["slovenia"])
    draft.title = "Still not yet"
    draft.save()
    assert refreshed_pages(client) == set()


@pytest.mark.django_db
def test_archiving_a_story_takes_it_off_every_page_that_showed_it(client, site):
    item = publish_story(site)
    cache_every_page(client)
    item.status = "archived"
    item.save()
    assert refreshed_pages(client) == PUBLISH_REFRESHES
    for name in ("home", "news", "slovenia", "news-feed"):
        assert "Kono visits Ljubljana" not in client.get(PAGES[name]).content.decode()
    assert client.get("/news/kono-visits-ljubljana/").status_code == 404
