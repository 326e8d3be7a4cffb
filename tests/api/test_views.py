"""The read API through the whole stack: what it answers, in both languages, fresh and cached."""

import datetime

import pytest

pytestmark = pytest.mark.django_db


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    return response, response.json() if response["Content-Type"].startswith("application/json") else None


def test_news_list_answers_published_stories_in_both_languages_and_the_second_reader_gets_the_same(
    client, make_news, make_country
):
    country = make_country(name="Slovenia", name_ja="スロベニア")
    make_news(title="Visit", title_ja="訪問", countries=[country])
    for lang, title, page, name in (
        ("en", "Visit", "/news/story-1/", "Slovenia"),
        ("ja", "訪問", "/ja/news/story-1/", "スロベニア"),
    ):
        first, body = get(client, f"/api/v1/news/?lang={lang}")
        assert first.status_code == 200, body
        assert first["Content-Language"] == lang
        [item] = body["items"]
        assert item["title"] == title
        assert item["url"].endswith(page)
        assert item["countries"][0]["name"] == name
        assert datetime.datetime.fromisoformat(item["publish_at"]).tzinfo is not None
        assert body["next"] is None
        second, again = get(client, f"/api/v1/news/?lang={lang}")
        assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
        assert again == body
        assert {k: v for k, v in second.items() if k != "X-Cache"} == {
            k: v for k, v in first.items() if k != "X-Cache"
        }
