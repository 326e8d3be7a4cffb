"""Every list pages by cursor: stable under inserts, a fixed number of queries however long the list."""

import datetime

import pytest
from django.utils import timezone

from chronology.models import Category, ChronologyEntry
from countries.models import Country
from news.models import NewsItem
from partners.models import PartnerOrganisation

pytestmark = pytest.mark.django_db


def walk(client, url):
    """Return every item of the list at `url`, following `next`, and the number of pages."""
    items, pages = [], 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        items += body["items"]
        pages += 1
        if body["next"]:
            assert response["Link"] == f'<{body["next"]}>; rel="next"'
        url = body["next"]
    return items, pages


def test_news_pages_by_cursor_newest_first_and_each_story_once(client, make_news):
    stories = [make_news() for _ in range(7)]
    items, pages = walk(client, "/api/v1/news/?limit=3")
    assert [item["slug"] for item in items] == [story.slug for story in stories]
    assert pages == 3


def test_stories_published_meanwhile_do_not_shift_the_next_page(client, make_news):
    stories = [make_news() for _ in range(4)]
    first = client.get("/api/v1/news/?limit=2").json()
    make_news(publish_at=timezone.now() - datetime.timedelta(minutes=1))  # newer than all
    second = client.get(first["next"]).json()
    assert [item["slug"] for item in second["items"]] == [stories[2].slug, stories[3].slug]


def test_stories_published_at_the_same_moment_are_told_apart(client, make_news):
    moment = timezone.now() - datetime.timedelta(hours=1)
    stories = [make_news(publish_at=moment) for _ in range(5)]
    items, _pages = walk(client, "/api/v1/news/?limit=2")
    assert sorted(item["slug"] for item in items) == sorted(story.slug for story in stories)
    assert len(items) == 5


def test_the_next_link_keeps_the_filters_and_language(client, make_news, make_country):
    country = make_country()
    for _ in range(3):
        make_news(countries=[country])
    body = client.get("/api/v1/news/?country=slovenia&lang=ja&limit=2&utm_source=x").json()
    assert (
        "country=slovenia" in body["next"] and "lang=ja" in body["next"] and "utm_source" not in body["next"]
    )


def test_every_list_pages_by_cursor(client, make_country, make_entry, make_partner):
    for n in range(5):
        make_country(name=f"Country {n}", iso_code=f"C{n}")
        make_entry()
        make_partner()
    for url in ("/api/v1/countries/", "/api/v1/chronology/", "/api/v1/partners/"):
        items, pages = walk(client, f"{url}?limit=2")
        assert len(items) == 5 and pages == 3


@pytest.mark.parametrize("cursor", ["abc", "eyJ9", "x" * 900, "W10:1abc:def", ""])
def test_a_cursor_the_list_did_not_give_out_is_a_400_naming_it(client, make_news, cursor):
    make_news()
    response = client.get("/api/v1/news/", {"cursor": cursor})
    if cursor == "":
        assert response.status_code == 200
        return
    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == "cursor"


def test_a_cursor_of_another_list_is_a_400(client, make_news, make_partner):
    for _ in range(3):
        make_news()
        make_partner()
    cursor = client.get("/api/v1/partners/?limit=1").json()["next"].split("cursor=")[1].split("&")[0]
    assert client.get(f"/api/v1/news/?cursor={cursor}").status_code == 400


# Query counts: the same at 1 item and at 1,000 (100,000 on PostgreSQL: test_pagination_at_scale.py).


def many_news(count):
    now = timezone.now()
    country = Country.objects.create(name="Serbia", slug="serbia", iso_code="RS", is_published=True)
    items = NewsItem.objects.bulk_create(
        NewsItem(
            title=f"Story {n}",
            slug=f"story-{n}",
            status="published",
            publish_at=now - datetime.timedelta(minutes=n + 1),
        )
        for n in range(count)
    )
    NewsItem.countries.through.objects.bulk_create(
        NewsItem.countries.through(newsitem_id=item.pk, country_id=country.pk) for item in items
    )
    return items


def many_countries(count):
    letters = [chr(65 + n) for n in range(26)]
    codes = [a + b for a in letters for b in letters]
    Country.objects.bulk_create(
        Country(name=f"Country {n}", slug=f"country-{n:04}", iso_code=codes[n], is_published=True)
        for n in range(count)
    )


def many_entries(count):
    category = Category.objects.create(key="visit", name="Visit")
    ChronologyEntry.objects.bulk_create(
        ChronologyEntry(
            ref=f"entry-{n}",
            title=f"Entry {n}",
            date=datetime.date(1900, 1, 1) + datetime.timedelta(days=n),
            category=category,
        )
        for n in range(count)
    )


def many_partners(count):
    PartnerOrganisation.objects.bulk_create(
        PartnerOrganisation(name=f"Partner {n}", slug=f"partner-{n:05}", kind="ngo") for n in range(count)
    )


# (list, make rows, queries): the page, then each prefetch; plus the filter's country for news.
LISTS = [
    ("/api/v1/news/?country=serbia&limit=100", many_news, 4),  # the filter's country, items, countries, tags
    ("/api/v1/countries/?limit=100", many_countries, 3),  # countries, trade figures, embassies
    ("/api/v1/chronology/?limit=100", many_entries, 3),  # entries with category, countries, news
    ("/api/v1/partners/?limit=100", many_partners, 1),  # partners with country
]


@pytest.mark.parametrize("url, make, queries", LISTS)
@pytest.mark.parametrize("count", [1, 1000])
def test_every_list_costs_a_fixed_number_of_queries(
    client, django_assert_num_queries, url, make, queries, count
):
    make(min(count, 600) if make is many_countries else count)  # 676 two-letter codes
    # The page cache learns when the next scheduled story is due once per change (2 queries), not here.
    client.get("/api/v1/openapi.json")
    with django_assert_num_queries(queries):
        first = client.get(url)
    assert first.status_code == 200
    if count > 100:
        with django_assert_num_queries(queries):
            assert client.get(first.json()["next"]).status_code == 200
