"""RSS 2.0 and Atom feeds of all news, per country and per tag: valid, absolute, dated, with the hero image."""

import calendar
import datetime
import re

import feedparser
import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from tests.helpers.images import image_bytes

SITE = "https://balkan.example"

FEEDS = {
    "/news/feed/": ("rss20", "/news/"),
    "/news/feed/atom/": ("atom10", "/news/"),
    "/countries/slovenia/feed/": ("rss20", "/countries/slovenia/"),
    "/countries/slovenia/feed/atom/": ("atom10", "/countries/slovenia/"),
    "/news/tags/cherry-blossom/feed/": ("rss20", "/news/?tag=cherry-blossom"),
    "/news/tags/cherry-blossom/feed/atom/": ("atom10", "/news/?tag=cherry-blossom"),
}


def timestamp(moment):
    return calendar.timegm(moment.astimezone(datetime.UTC).timetuple())


@pytest.fixture
def stories(settings, make_news, make_country):
    settings.SITE_URL = SITE
    slovenia = make_country(name="Slovenia")
    published = make_news(
        title="Cherry trees blossom in Ljubljana",
        title_ja="リュブリャナで桜が咲く",
        slug="cherry-trees",
        summary="Three hundred trees bloom again.",
        countries=[slovenia],
        hero_alt="Cherry trees",
        publish_at=timezone.now() - datetime.timedelta(days=2),
    )
    published.hero_image.save("hero.jpg", ContentFile(image_bytes("JPEG", (800, 450)), name="hero.jpg"))
    published.tags.add("Cherry blossom")
    hidden = [
        make_news(title="A draft", status="draft", countries=[slovenia]),
        make_news(title="In review", status="review", countries=[slovenia]),
        make_news(title="Archived", status="archived", countries=[slovenia]),
        make_news(
            title="Scheduled", publish_at=timezone.now() + datetime.timedelta(days=1), countries=[slovenia]
        ),
    ]
    for item in hidden:
        item.tags.add("Cherry blossom")
    return published


@pytest.mark.django_db
@pytest.mark.parametrize("url", FEEDS)
def test_feeds_validate_with_titles_links_dates_and_enclosures(client, stories, url):
    version, home = FEEDS[url]
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == version
    assert feed.feed.title.startswith("Japan–Balkan Network: news")
    assert feed.feed.link == SITE + home
    assert {link.href for link in feed.feed.links if link.rel == "self"} == {SITE + url}
    assert "testserver" not in response.content.decode()

    (entry,) = feed.entries  # drafts, items in review, archived and scheduled ones are left out
    assert entry.title == "Cherry trees blossom in Ljubljana"
    assert entry.link == f"{SITE}/news/cherry-trees/"
    assert entry.summary == "Three hundred trees bloom again."
    assert calendar.timegm(entry.published_parsed) == timestamp(stories.publish_at)
    if version == "atom10":
        assert entry.id == f"{SITE}/news/cherry-trees/"
        assert calendar.timegm(entry.updated_parsed) == timestamp(stories.updated_at)
        assert calendar.timegm(feed.feed.updated_parsed) == timestamp(stories.updated_at)
        assert feed.feed.subtitle
    (enclosure,) = entry.enclosures
    assert enclosure.href == SITE + stories.hero_image.url
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == stories.hero_image.size > 0


@pytest.mark.django_db
def test_atom_updated_is_never_before_published(client, settings, make_news):
    settings.SITE_URL = SITE
    # Edited a week before the time it was scheduled for, which has now come.
    item = make_news(publish_at=timezone.now() - datetime.timedelta(minutes=5))
    type(item).objects.filter(pk=item.pk).update(updated_at=timezone.now() - datetime.timedelta(days=7))
    (entry,) = feedparser.parse(client.get("/news/feed/atom/").content).entries
    assert calendar.timegm(entry.updated_parsed) == calendar.timegm(entry.published_parsed)


@pytest.mark.django_db
def test_japanese_feeds_link_japanese_pages(client, stories):
    feed = feedparser.parse(client.get("/ja/news/feed/atom/").content)
    assert feed.feed.language == "ja"
    assert {link.href for link in feed.feed.links if link.rel == "self"} == {f"{SITE}/ja/news/feed/atom/"}
    (entry,) = feed.entries
    assert (entry.title, entry.link) == ("リュブリャナで桜が咲く", f"{SITE}/ja/news/cherry-trees/")


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/news/tags/no-such-tag/feed/", "/countries/atlantis/feed/atom/"])
def test_unknown_tag_or_country_feed_is_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 20])
def test_feed_costs_a_fixed_number_of_queries(
    client, make_news, make_country, django_assert_num_queries, count
):
    country = make_country()
    for _ in range(count):
        make_news(countries=[country])
    # items, their countries
    with django_assert_num_queries(2):
        assert client.get("/news/feed/atom/").status_code == 200


def alternates(html):
    return dict(
        re.findall(r'<link rel="alternate" type="(application/(?:rss|atom)\+xml)"[^>]*href="([^"]+)"', html)
    )


@pytest.mark.django_db
def test_pages_announce_their_feeds(client, stories, site_pages):
    for url in ("/", "/news/", "/news/cherry-trees/", "/about/"):
        found = alternates(client.get(url).content.decode())
        assert found == {"application/rss+xml": "/news/feed/", "application/atom+xml": "/news/feed/atom/"}, (
            url
        )
    html = client.get("/news/?tag=cherry-blossom").content.decode()
    assert "/news/tags/cherry-blossom/feed/" in html and "/news/tags/cherry-blossom/feed/atom/" in html
    html = client.get("/news/?country=slovenia").content.decode()
    assert 'href="/countries/slovenia/feed/"' in html and 'href="/countries/slovenia/feed/atom/"' in html
    for href in re.findall(r'<link rel="alternate" type="application/[a-z]+\+xml"[^>]*href="([^"]+)"', html):
        assert client.get(href).status_code == 200
