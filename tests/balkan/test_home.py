"""The home page: what the network is, then news, countries, chronology, partners, a quote."""

import datetime
import re

import pytest
from django.utils import timezone
from model_bakery import baker

pytestmark = pytest.mark.django_db


def section(html, title_id):
    """Return the HTML of the home page section labelled by `title_id`."""
    match = re.search(rf'<section[^>]* aria-labelledby="{title_id}">(.*?)</section>', html, re.S)
    assert match, f"no section {title_id}"
    return match.group(1)


def test_home_says_what_the_network_is(client):
    html = client.get("/").content.decode()
    intro = section(html, "intro-title")
    assert "<h1" in intro
    assert "The Japan–Balkan Network (BALKAN) is a hub for news, people and organisations" in intro


def test_home_shows_featured_and_latest_news_countries_highlights_partners_and_a_quote(
    client, make_news, make_country, make_entry, make_partner
):
    make_news(title="A featured story", is_featured=True)
    make_news(title="A latest story")
    make_news(title="A draft story", status="draft")
    make_country(name="Slovenia")
    make_country(name="Japan", iso_code="JP", is_published=False)
    make_entry(title="A highlighted entry", is_highlight=True)
    make_entry(title="An ordinary entry")
    make_partner(name="Marmara Group Foundation", is_official_partner=True)
    baker.make("balkan.Quote", text="Development is freedom.", author="Amartya Sen")

    html = client.get("/").content.decode()

    assert "A featured story" in section(html, "featured-title")
    assert "A latest story" in section(html, "latest-title")
    assert "A featured story" not in section(html, "latest-title")
    assert "A draft story" not in html
    countries = section(html, "countries-title")
    assert "Slovenia" in countries and "Japan" not in countries
    chronology = section(html, "chronology-title")
    assert "A highlighted entry" in chronology and "An ordinary entry" not in chronology
    assert "Marmara Group Foundation" in section(html, "partners-title")
    assert "Development is freedom." in html and "Amartya Sen" in html


def test_official_partners_come_first(client, make_partner):
    for number in range(9):
        make_partner(name=f"Aardvark {number}")
    make_partner(name="Zenith official", is_official_partner=True)
    partners = section(client.get("/").content.decode(), "partners-title")
    assert partners.index("Zenith official") < partners.index("Aardvark 0")
    assert partners.count("<li>") == 8


@pytest.mark.parametrize("count", [1, 20])
def test_home_costs_a_fixed_number_of_queries(
    client, make_news, make_country, make_entry, make_partner, django_assert_num_queries, count
):
    for number in range(count):
        country = make_country(
            name=f"Country {number}", iso_code=chr(65 + number // 26) + chr(65 + number % 26)
        )
        featured = make_news(is_featured=True, countries=[country])
        make_news(countries=[country])
        make_entry(is_highlight=True, countries=[country], related_news=[featured])
        make_partner(is_official_partner=True, country=country)
        baker.make("balkan.Quote", text=f"Quote {number}", author="Someone")
    # featured and latest news with their countries, countries, highlights with
    # their countries and news, partners, one quote; upcoming events: stories, chronology entries
    with django_assert_num_queries(12):
        assert client.get("/").status_code == 200
    with django_assert_num_queries(12):
        assert client.get("/ja/").status_code == 200


def test_dates_are_localised(client, make_news):
    make_news(title="Courtesy call", publish_at=datetime.datetime(2023, 5, 25, 10, tzinfo=datetime.UTC))
    assert "25 May 2023" in client.get("/").content.decode()
    assert "2023年5月25日" in client.get("/ja/").content.decode()


def test_the_page_language_is_declared(client):
    assert '<html lang="en">' in client.get("/").content.decode()
    assert '<html lang="ja">' in client.get("/ja/").content.decode()


def test_content_missing_in_japanese_is_shown_in_english_and_marked(client, make_country, make_partner):
    make_country(name="Slovenia", name_ja="スロベニア")
    make_country(name="Montenegro", slug="montenegro", iso_code="ME")
    make_partner(name="Cosylab")
    baker.make("balkan.Quote", text="Management is doing things right.", author="Peter Drucker")
    html = client.get("/ja/").content.decode()
    assert re.search(r'<a href="/ja/countries/slovenia/">(<img[^>]*>)?スロベニア</a>', html)
    assert re.search(r'<a href="/ja/countries/montenegro/" lang="en">(<img[^>]*>)?Montenegro</a>', html)
    assert re.search(r'<a href="/ja/partners/[^"]+/" lang="en">Cosylab</a>', html)
    assert '<blockquote lang="en"><p>Management is doing things right.</p></blockquote>' in html
    assert '<span lang="en">Peter Drucker</span>' in html
    english = client.get("/").content.decode()
    assert 'lang="en">Montenegro' not in english


def test_the_home_page_is_fresh_after_publishing(client, make_news):
    item = make_news(title="Scheduled story", publish_at=timezone.now() + datetime.timedelta(hours=1))
    assert "Scheduled story" not in client.get("/").content.decode()
    item.publish_at = timezone.now() - datetime.timedelta(minutes=1)
    item.save()
    assert "Scheduled story" in client.get("/").content.decode()
