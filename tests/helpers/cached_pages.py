"""A small site whose every page is cached, and how to tell which pages a change refreshed.

The signal tests of each app (tests/<app>/test_signals.py) cache every page of
the `site` fixture first, make one change the way the admin does (model saves,
then many-to-many links), and then look at every page: the ones that show the
change are rendered again (X-Cache: MISS) and show it, all the others are still
served from the cache (X-Cache: HIT).
"""

PAGES = {
    "home": "/",
    "home-ja": "/ja/",
    "news": "/news/",
    "news-ja": "/ja/news/",
    "news-page-2": "/news/?page=2",
    "news-feed": "/news/feed/",
    "sitemap": "/sitemap.xml",
    "search": "/search/?q=japan",
    "slovenia": "/countries/slovenia/",
    "slovenia-ja": "/ja/countries/slovenia/",
    "slovenia-feed": "/countries/slovenia/feed/",
    "slovenia-embed": "/countries/slovenia/embed/",
    "slovenia-card": "/countries/slovenia/card.png",
    "slovenia-qr": "/countries/slovenia/qr.svg",
    "romania": "/countries/romania/",
    "romania-feed": "/countries/romania/feed/",
    "countries": "/countries/",
    "chronology": "/chronology/",
    "partners": "/partners/",
    "ljubljana-university": "/partners/ljubljana-university/",
    "bucharest-university": "/partners/bucharest-university/",
    "slovenian-story": "/news/slovenian-story/",
    "romanian-story": "/news/romanian-story/",
    "about": "/about/",
}


def cache_every_page(client):
    for name, url in PAGES.items():
        assert client.get(url).status_code == 200, name
        assert client.get(url)["X-Cache"] == "HIT", name


def refreshed_pages(client):
    """Return the names of the pages that are not served from the cache any more."""
    states = {name: client.get(url)["X-Cache"] for name, url in PAGES.items()}
    return {name for name, state in states.items() if state == "MISS"}


def publish_story(site, **fields):
    """Create a published story linked to Slovenia and a partner, as the admin does (save, then links)."""
    from news.models import NewsItem

    item = NewsItem(
        title="Kono visits Ljubljana",
        slug="kono-visits-ljubljana",
        summary="Japan's foreign minister met Slovenian leaders.",
        body="<p>Japan and Slovenia agreed to deepen cooperation.</p>",
        status="published",
        **fields,
    )
    item.save()
    item.countries.add(site["slovenia"])
    item.partners.add(site["ljubljana"])
    item.tags.add("Diplomacy")
    return item


PUBLISH_REFRESHES = {
    "home",
    "home-ja",
    "news",
    "news-ja",
    "news-page-2",
    "news-feed",
    "sitemap",
    "search",
    "slovenia",
    "slovenia-ja",
    "slovenia-feed",
    "ljubljana-university",
    # The other Slovenian story lists it among its related news.
    "slovenian-story",
}
