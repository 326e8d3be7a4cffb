"""What crawlers and social sites read besides the sitemap: robots.txt, canonical and hreflang links, feeds, Open Graph."""

from html.parser import HTMLParser

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]

SITE = "https://balkan.example"


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_admin_and_search(client):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert {"Disallow: /admin/", "Disallow: /search/", "Disallow: /ja/search/"} <= set(lines)


class Head(HTMLParser):
    """Collect a page's <link> and <meta> tags."""

    def __init__(self, html):
        super().__init__()
        self.links, self.metas = [], {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link":
            self.links.append(attrs)
        elif tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.metas.setdefault(attrs.get("property") or attrs.get("name"), []).append(attrs.get("content"))

    def hrefs(self, **wanted):
        return [link["href"] for link in self.links if all(link.get(k) == v for k, v in wanted.items())]


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return Head(response.content.decode())


# These two templates bring their own Open Graph tags (the article and the shareable profile).
OWN_OPEN_GRAPH = ("/news/courtesy-call/", "/countries/kosovo/")


@pytest.mark.parametrize("language", ["", "/ja"])
def test_every_page_type_has_canonical_hreflang_feed_and_open_graph(client, page_types, language):
    for path in page_types:
        url = language + path
        tags = head(client, url)
        canonical = tags.hrefs(rel="canonical")
        assert canonical == [SITE + url], url
        assert tags.hrefs(rel="alternate", hreflang="en") == [SITE + path], url
        assert tags.hrefs(rel="alternate", hreflang="ja") == [f"{SITE}/ja{path}"], url
        assert tags.hrefs(rel="alternate", hreflang="x-default") == [SITE + path], url
        assert tags.hrefs(rel="alternate", type="application/rss+xml")[0] == f"{language}/news/feed/", url
        for prop in ("og:title", "og:type", "og:url", "og:image", "twitter:card"):
            assert tags.metas.get(prop) and all(tags.metas[prop]), (url, prop)
            assert len(tags.metas[prop]) == 1, (url, prop)
        assert tags.metas["og:url"] == canonical, url
        assert tags.metas["og:image"][0].startswith("https://"), url
        if path.split("?")[0] not in OWN_OPEN_GRAPH:
            assert tags.metas["og:site_name"] and tags.metas["og:description"][0], url
            assert tags.metas["og:locale"] == ["ja_JP" if language else "en_GB"], url
            assert tags.metas["og:locale:alternate"] == ["en_GB" if language else "ja_JP"], url


def test_open_graph_defaults_to_the_site_card_and_detail_pages_show_their_own(client, page_types):
    home = head(client, "/")
    assert home.metas["og:image"][0].startswith(f"{SITE}/static/img/og-card.")
    assert home.metas["og:image:width"] == ["1200"] and home.metas["og:image:height"] == ["630"]
    partner = head(client, "/partners/cosylab/")
    assert partner.metas["og:title"] == ["Partner 1"]
    about = head(client, "/ja/about/")
    assert about.metas["og:title"] == ["About"]


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("/news/?page=1", "/news/"),
        ("/news/?page=2&utm_source=newsletter", "/news/?page=2"),
        ("/news/?utm_source=x&country=slovenia&kind=event", "/news/?country=slovenia&kind=event"),
        ("/ja/news/?country=slovenia&page=2", "/ja/news/?country=slovenia&page=2"),
        ("/chronology/?category=visit&fbclid=abc", "/chronology/?category=visit"),
        ("/search/?q=kono&type=news&page=2&ref=x", "/search/?q=kono&type=news&page=2"),
    ],
)
def test_filtered_and_paginated_pages_have_a_canonical_without_tracking_parameters(
    client, make_news, make_country, make_category, url, canonical
):
    slovenia = make_country(name="Slovenia")
    make_category("visit")
    for number in range(25):
        make_news(title=f"Kono event {number}", kind="event", countries=[slovenia])
    tags = head(client, url)
    assert tags.hrefs(rel="canonical") == [SITE + canonical]
    english = canonical.removeprefix("/ja")
    assert tags.hrefs(rel="alternate", hreflang="en") == [SITE + english]
    assert tags.hrefs(rel="alternate", hreflang="ja") == [f"{SITE}/ja{english}"]
