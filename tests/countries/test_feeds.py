import datetime

import feedparser
import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_country_feed_lists_only_its_published_news_newest_first(client, slovenia, make_news, settings):
    settings.SITE_URL = "https://balkan.example"
    older = make_news(title="Cherry trees blossom", countries=[slovenia])
    newer = make_news(
        title="Kono visits Ljubljana",
        countries=[slovenia],
        publish_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    make_news(title="Unrelated story")
    make_news(title="Draft story", countries=[slovenia], status="draft")
    response = client.get("/countries/slovenia/feed/")
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert "Slovenia" in feed.feed.title
    assert feed.feed.link == "https://balkan.example/countries/slovenia/"
    assert [entry.title for entry in feed.entries] == [newer.title, older.title]
    assert feed.entries[0].link == f"https://balkan.example/news/{newer.slug}/"
    assert feed.entries[0].summary == newer.summary
    assert [tag.term for tag in feed.entries[0].tags] == ["Slovenia"]


def test_country_feed_in_japanese_links_to_japanese_pages(client, slovenia, make_news, settings):
    settings.SITE_URL = "https://balkan.example"
    item = make_news(
        title="Kono visits Ljubljana", title_ja="河野大臣がリュブリャナを訪問", countries=[slovenia]
    )
    feed = feedparser.parse(client.get("/ja/countries/slovenia/feed/").content)
    assert feed.entries[0].title == "河野大臣がリュブリャナを訪問"
    assert feed.entries[0].link == f"https://balkan.example/ja/news/{item.slug}/"


def test_profile_links_its_feed(client, slovenia, read_page):
    page = read_page(client.get("/countries/slovenia/").content.decode())
    assert page.link("alternate", type="application/rss+xml")[-1] == "/countries/slovenia/feed/"


@pytest.mark.parametrize("count", [1, 30])
def test_country_feed_costs_a_fixed_number_of_queries(
    client, slovenia, make_news, django_assert_num_queries, count
):
    for _ in range(count):
        make_news(countries=[slovenia])
    with django_assert_num_queries(3):
        assert client.get("/countries/slovenia/feed/").status_code == 200
