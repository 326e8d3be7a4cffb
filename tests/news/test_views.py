import datetime

import pytest
from django.utils import timezone


@pytest.mark.django_db
def test_draft_news_is_not_public(client, make_news):
    item = make_news(status="draft")
    assert client.get(item.get_absolute_url()).status_code == 404
    assert item.title not in client.get("/news/").content.decode()
    assert item.title not in client.get("/news/feed/").content.decode()


@pytest.mark.django_db
def test_future_news_is_not_public_until_its_time(client, make_news):
    item = make_news(publish_at=timezone.now() + datetime.timedelta(days=1))
    assert client.get(item.get_absolute_url()).status_code == 404
    assert item.title not in client.get("/news/").content.decode()


@pytest.mark.django_db
def test_published_news_is_public(client, make_news):
    item = make_news(title="Workshop on seismic risk")
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    assert "Workshop on seismic risk" in response.content.decode()
    assert "Workshop on seismic risk" in client.get("/news/").content.decode()
    assert "Workshop on seismic risk" in client.get("/news/feed/").content.decode()


@pytest.mark.django_db
def test_news_list_is_paginated_by_twenty_newest_first(client, make_news):
    items = [make_news() for _ in range(25)]
    first = client.get("/news/")
    assert list(first.context["object_list"]) == items[:20]
    second = client.get("/news/?page=2")
    assert list(second.context["object_list"]) == items[20:]


@pytest.mark.django_db
def test_news_list_filters_by_country_kind_year_and_tag(client, make_news, make_country):
    slovenia = make_country()
    visit = make_news(kind="visit", countries=[slovenia], publish_at=timezone.now().replace(year=2023))
    visit.tags.add("Trade")
    other = make_news(kind="event")
    assert list(client.get("/news/?country=slovenia").context["object_list"]) == [visit]
    assert list(client.get("/news/?kind=event").context["object_list"]) == [other]
    assert list(client.get("/news/?year=2023").context["object_list"]) == [visit]
    assert list(client.get("/news/?tag=trade").context["object_list"]) == [visit]


@pytest.mark.django_db
def test_changed_slug_redirects_permanently(client, make_news):
    item = make_news(slug="old-slug")
    item.slug = "new-slug"
    item.save()
    response = client.get("/news/old-slug/")
    assert response.status_code == 301
    assert response["Location"] == "/news/new-slug/"


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 30])
def test_news_list_costs_a_fixed_number_of_queries(
    client, make_news, make_country, django_assert_num_queries, count
):
    country = make_country()
    for _ in range(count):
        make_news(countries=[country])
    # count, items, their countries, the country filter's choices
    with django_assert_num_queries(4):
        assert client.get("/news/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 30])
def test_news_item_costs_a_fixed_number_of_queries(
    client, make_story_document, make_news, make_country, make_partner, django_assert_num_queries, count
):
    countries = [
        make_country(name=f"Country {n}", iso_code=f"{chr(65 + n // 26)}{chr(65 + n % 26)}")
        for n in range(count)
    ]
    item = make_news(countries=countries, partners=[make_partner() for _ in range(count)])
    item.tags.add(*[f"tag {n}" for n in range(count)])
    for n in range(count):
        make_story_document(item, title=f"Report {n}")
    for _ in range(3):
        make_news(countries=countries[:1])
    # item, countries, partners, tags, gallery, documents, ranking related items (3, kept until the
    # news change), related items + their countries
    with django_assert_num_queries(11):
        assert client.get(item.get_absolute_url()).status_code == 200
