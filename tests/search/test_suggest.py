"""Suggestions as you type: profiles whose names begin so first, then titles, in the page's language, at a fixed cost."""

import json

import pytest

from tests.helpers.search import suggestions

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "first"),
    [
        ("/search/suggest?q=slo", {"title": "Slovenia", "url": "/countries/slovenia/", "kind": "Country"}),
        ("/search/suggest?q=Turk", {"title": "Türkiye", "url": "/countries/turkiye/", "kind": "Country"}),
        (
            "/ja/search/suggest?q=スロ",
            {"title": "スロベニア", "url": "/ja/countries/slovenia/", "kind": "国"},
        ),
        (
            "/search/suggest?q=yaska",
            {
                "title": "Yaskawa Electric Corporation",
                "url": "/partners/yaskawa-electric-corporation/",
                "kind": "Partner",
            },
        ),
    ],
)
def test_suggestions_name_profiles_first_then_titles(client, demo, url, first):
    found = suggestions(client, url)
    assert found[0] == first
    assert 1 <= len(found) <= 6
    assert len({item["url"] for item in found}) == len(found)


def test_suggestions_include_titles_begun_in_the_page_language(client, demo):
    english = suggestions(client, "/search/suggest?q=seism")
    assert "/news/seismic-risk-workshop-veliko-tarnovo-2022/" in [item["url"] for item in english]
    japanese = suggestions(client, "/ja/search/suggest?q=地震")
    titles = [item["title"] for item in japanese]
    assert "日本・ブルガリア・西バルカン地震リスク・ワークショップ、ヴェリコ・タルノヴォで開催" in titles


@pytest.mark.parametrize(
    "query", ["", "!!!", "' OR 1=1 --", "& | ! : * ( ) <-> '", "\\", "a" * 500, "🎌" * 40]
)
def test_suggestions_answer_anything_without_an_error(client, demo, query):
    response = client.get("/search/suggest", {"q": query})
    assert response.status_code == 200
    assert isinstance(json.loads(response.content)["suggestions"], list)


def test_suggestions_cost_two_queries_at_most(client, demo, django_assert_max_num_queries):
    # The first request of a process (or on a new connection to the cache) checks the page cache's
    # schedule and outbox, and reads the names of countries and partners, kept in the cache since.
    client.get("/search/suggest?q=slo")
    with django_assert_max_num_queries(2):
        client.get("/search/suggest?q=kosovo")
