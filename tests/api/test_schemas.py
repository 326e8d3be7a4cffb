"""The API's schemas: what a story looks like in the answer, and what the OpenAPI document says of it."""

import pytest

from api.schemas import NewsItemSummary


def test_the_story_schema_documents_its_fields():
    schema = NewsItemSummary.model_json_schema()
    assert {"slug", "title", "url", "publish_at", "countries", "tags"} <= set(schema["properties"])
    assert schema["properties"]["publish_at"]["format"] == "date-time"
    assert "Tag slugs" in schema["properties"]["tags"]["description"]


@pytest.mark.django_db
def test_a_story_answers_with_its_absolute_address_and_zoned_time(client, make_news, make_country):
    story = make_news(slug="visit", title="A visit")
    story.countries.add(make_country(name="Slovenia", slug="slovenia"))
    (item,) = client.get("/api/v1/news/").json()["items"]
    assert item["url"].endswith("/news/visit/") and item["url"].startswith("http")
    assert item["publish_at"].endswith(("+00:00", "Z", "+09:00"))
    assert [country["slug"] for country in item["countries"]] == ["slovenia"]
