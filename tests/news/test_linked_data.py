"""Structured data of stories (NewsArticle, Event) and partners (Organization), fresh and cached, in both languages."""

import datetime

import pytest
from django.utils import timezone

from tests.helpers.images import image_upload
from tests.helpers.linked_data import SITE_URL, answers, json_ld, nodes, urls_in

pytestmark = pytest.mark.django_db

# What Google reads of an article (all recommended; none strictly required) and of an event (required).
ARTICLE = {
    "headline",
    "image",
    "datePublished",
    "dateModified",
    "author",
    "publisher",
    "inLanguage",
    "description",
}
EVENT = {"name", "startDate", "location", "eventStatus", "eventAttendanceMode", "image", "organizer"}


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE_URL


def documents(client, path):
    """The JSON-LD of `path`, asked twice: the cached answer must carry the same."""
    first, second = client.get(path), client.get(path)
    assert first.status_code == second.status_code == 200
    assert second.get("X-Cache") == "HIT", path
    assert json_ld(first.content.decode()) == json_ld(second.content.decode())
    return json_ld(second.content.decode())


@pytest.mark.parametrize("prefix", ["", "/ja"])
def test_a_story_is_a_news_article_published_by_the_network(client, make_news, make_country, prefix):
    slovenia = make_country(name="Slovenia", name_ja="スロベニア")
    item = make_news(
        title="Cherry trees for Ljubljana",
        title_ja="リュブリャナに桜",
        summary="Three hundred trees.",
        hero_image=image_upload("trees.jpg", size=(1600, 900)),
        hero_alt="Trees",
    )
    item.countries.add(slovenia)
    [document] = documents(client, f"{prefix}/news/{item.slug}/")
    graph = nodes(document)
    assert document["@context"] == "https://schema.org"
    assert set(graph) == {"NewsArticle", "Organization"}
    article, network = graph["NewsArticle"], graph["Organization"]
    assert ARTICLE <= set(article)
    assert article["headline"] == ("リュブリャナに桜" if prefix else "Cherry trees for Ljubljana")
    assert article["inLanguage"] == ("ja" if prefix else "en")
    assert article["url"] == f"{SITE_URL}{prefix}/news/{item.slug}/"
    assert article["author"] == article["publisher"] == {"@id": network["@id"]}
    assert network["logo"]["url"].startswith(SITE_URL + "/static/")
    card, hero = article["image"]
    assert (card["width"], card["height"]) == (1200, 630) and "/card.png" in card["url"]
    assert (hero["width"], hero["height"]) == (1600, 900)
    assert datetime.datetime.fromisoformat(article["datePublished"]) <= timezone.now()
    assert article["about"] == [
        {
            "@type": "Country",
            "name": "スロベニア" if prefix else "Slovenia",
            "url": f"{SITE_URL}{prefix}/countries/slovenia/",
        }
    ]
    for url in set(urls_in(document)):
        assert answers(client, url).status_code == 200, url


def test_a_headline_is_cut_where_google_stops_reading(client, make_news):
    item = make_news(title="A" * 150)
    [document] = documents(client, f"/news/{item.slug}/")
    assert nodes(document)["NewsArticle"]["headline"] == "A" * 109 + "…"


@pytest.mark.parametrize("cancelled", [False, True])
def test_an_event_story_is_also_an_event_at_its_place_and_local_time(
    client, make_news, make_country, cancelled
):
    serbia = make_country(name="Serbia", iso_code="RS")
    day = timezone.localdate() + datetime.timedelta(days=20)
    item = make_news(
        kind="event",
        title="Japanese film week",
        event_start=day,
        event_start_time=datetime.time(18, 0),
        event_end_time=datetime.time(21, 0),
        venue="Kinoteka",
        city="Belgrade",
        event_cancelled=cancelled,
    )
    item.countries.add(serbia)
    [document] = documents(client, f"/news/{item.slug}/")
    graph = nodes(document)
    assert set(graph) == {"NewsArticle", "Organization", "Event"}
    event = graph["Event"]
    assert EVENT <= set(event)
    # Belgrade's time, with its offset, as the venue keeps it.
    start = datetime.datetime.fromisoformat(event["startDate"])
    assert (start.hour, start.minute) == (18, 0) and start.utcoffset() is not None
    assert datetime.datetime.fromisoformat(event["endDate"]).hour == 21
    assert event["location"]["name"] == "Kinoteka"
    assert event["location"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Belgrade",
        "addressCountry": "RS",
    }
    assert event["eventStatus"] == (
        "https://schema.org/EventCancelled" if cancelled else "https://schema.org/EventScheduled"
    )
    assert event["subjectOf"] == {"@id": graph["NewsArticle"]["@id"]}
    for url in set(urls_in(document)):
        assert answers(client, url).status_code == 200, url


def test_a_story_that_is_no_event_has_no_event(client, make_news):
    item = make_news(kind="news")
    [document] = documents(client, f"/news/{item.slug}/")
    assert "Event" not in nodes(document)


@pytest.mark.parametrize("prefix", ["", "/ja"])
def test_a_partner_is_an_organisation_of_its_kind(client, make_partner, make_country, prefix):
    serbia = make_country(name="Serbia", iso_code="RS")
    partner = make_partner(
        name="Embassy of Serbia in Tokyo",
        slug="embassy-of-serbia",
        kind="embassy",
        country=serbia,
        website="https://www.serbianembassy.jp/",
        address="4-7-24 Kitashinagawa\nShinagawa-ku, Tokyo",
        logo=image_upload("logo.png", fmt="PNG", size=(200, 200)),
    )
    [document] = documents(client, f"{prefix}/partners/{partner.slug}/")
    assert document["@type"] == "GovernmentOrganization"
    assert document["name"] == "Embassy of Serbia in Tokyo"
    assert document["url"] == "https://www.serbianembassy.jp/" and document["sameAs"] == [document["url"]]
    assert document["mainEntityOfPage"] == f"{SITE_URL}{prefix}/partners/embassy-of-serbia/"
    assert document["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "4-7-24 Kitashinagawa Shinagawa-ku, Tokyo",
        "addressCountry": "RS",
    }
    assert (document["logo"]["width"], document["logo"]["height"]) == (200, 200)
    for url in set(urls_in(document)) - {"https://www.serbianembassy.jp/"}:
        assert answers(client, url).status_code == 200, url
