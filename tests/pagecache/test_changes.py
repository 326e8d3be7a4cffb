"""The receivers' helpers: the values a row had before this save, and the link changes that count."""

import pytest

from pagecache.changes import CLEARS, previous

pytestmark = pytest.mark.django_db


def test_a_new_row_had_nothing_before(make_news):
    from news.models import NewsItem

    assert previous(NewsItem(slug="new"), "slug") is None


def test_the_stored_values_are_read_not_the_ones_about_to_be_saved(make_news):
    item = make_news(slug="stored", title="Stored title")
    item.slug, item.title = "changed", "Changed title"
    assert previous(item, "slug", "title") == {"slug": "stored", "title": "Stored title"}


def test_a_row_deleted_meanwhile_had_nothing_before(make_news):
    item = make_news()
    type(item).objects.filter(pk=item.pk).delete()
    assert previous(item, "slug") is None


def test_a_relation_counts_once_it_is_as_it_will_be_and_before_it_is_emptied():
    assert set(CLEARS) == {"post_add", "post_remove", "pre_clear"}
