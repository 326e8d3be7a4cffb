"""Deep pages of the news list: the same stories as OFFSET would give, for the cost of the first page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.models import NewsItem
from pagecache.pagination import AnchoredPaginator


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "kind=visit"])
def test_every_page_lists_the_same_stories_as_offset_pagination(client, small_anchors, many_stories, query):
    expected = NewsItem.objects.published().for_list()
    if query:
        expected = expected.filter(kind="visit")
    expected = list(expected)
    pages = (len(expected) + 19) // 20
    seen = []
    for number in range(1, pages + 1):
        response = client.get(f"/news/?{query}&page={number}")
        assert response.status_code == 200
        seen += list(response.context["object_list"])
    assert seen == expected
    assert client.get(f"/news/?{query}&page={pages + 1}").status_code == 404


@pytest.mark.django_db
def test_a_deep_page_starts_from_an_anchor_not_from_a_long_offset(
    client, settings, small_anchors, many_stories
):
    settings.PAGE_CACHE = False  # render every time; the list's length and anchors stay cached
    client.get("/news/?page=5")
    client.get("/news/?page=1")  # both pages' cards made once, and kept (pagecache.fragments)
    with CaptureQueriesContext(connection) as first:
        client.get("/news/?page=1")
    with CaptureQueriesContext(connection) as deep:
        response = client.get("/news/?page=5")
    assert response.status_code == 200 and len(response.context["object_list"]) == 15
    assert len(deep) == len(first)
    offsets = [int(offset) for query in deep for offset in re.findall(r"OFFSET (\d+)", query["sql"])]
    assert all(offset < AnchoredPaginator.anchor_every for offset in offsets)


@pytest.mark.django_db
def test_a_new_story_moves_every_deep_page_along(client, small_anchors, many_stories, make_news):
    before = list(client.get("/news/?page=4").context["object_list"])
    make_news(title="Breaking", publish_at=timezone.now())
    after = list(client.get("/news/?page=4").context["object_list"])
    assert after[1:] == before[:-1]
