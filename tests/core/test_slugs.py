"""Old slugs: an object remembers every slug it had, and its old addresses answer 301 to the new one."""

import pytest
from django.contrib.contenttypes.models import ContentType

from core.models import OldSlug
from countries.models import Country
from news.models import NewsItem

pytestmark = pytest.mark.django_db


def test_a_changed_slug_is_remembered_and_leads_back_to_the_object(make_news):
    item = make_news(slug="first")
    item.slug = "second"
    item.save()
    assert NewsItem.from_old_slug("first") == item
    assert NewsItem.from_old_slug("second") is None


def test_saving_without_a_change_remembers_nothing(make_news):
    item = make_news(slug="same")
    item.title = "New title"
    item.save()
    assert not OldSlug.objects.exists()


def test_old_slugs_are_kept_per_kind_of_object(make_news, make_country):
    item = make_news(slug="shared")
    item.slug = "story"
    item.save()
    assert Country.from_old_slug("shared") is None
    assert NewsItem.from_old_slug("shared") == item


@pytest.mark.parametrize("prefix", ["", "/ja"])
def test_an_old_address_redirects_permanently_first_and_cached(client, make_news, prefix):
    item = make_news(slug="old-name")
    item.slug = "new-name"
    item.save()
    for _ in range(2):
        response = client.get(f"{prefix}/news/old-name/?utm_source=print")
        assert response.status_code == 301
        assert response["Location"].endswith("/news/new-name/?utm_source=print")


def test_a_chain_of_renames_leads_every_old_address_to_the_newest(client, make_news):
    item = make_news(slug="one")
    for slug in ("two", "three"):
        item.slug = slug
        item.save()
    for old in ("one", "two"):
        response = client.get(f"/news/{old}/")
        assert response.status_code == 301
        assert response["Location"] == "/news/three/"
    assert client.get("/news/three/").status_code == 200


def test_taking_back_an_old_slug_forgets_it_as_old(client, make_news):
    item = make_news(slug="a")
    item.slug = "b"
    item.save()
    item.slug = "a"
    item.save()
    content_type = ContentType.objects.get_for_model(NewsItem)
    assert list(OldSlug.objects.filter(content_type=content_type).values_list("slug", flat=True)) == ["b"]
    assert client.get("/news/a/").status_code == 200
    assert client.get("/news/b/")["Location"] == "/news/a/"


def test_an_old_slug_of_an_object_readers_may_not_see_is_a_404(client, make_news):
    item = make_news(slug="was-public")
    item.slug = "now-draft"
    item.status = "draft"
    item.save()
    assert client.get("/news/was-public/").status_code == 404


def test_a_slug_nobody_ever_had_is_a_404(client):
    assert client.get("/news/never-was/").status_code == 404
