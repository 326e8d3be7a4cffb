"""What a reader's browser downloads: little, compressed, cacheable, all from our own site."""

import re
from html.parser import HTMLParser

import brotli
import pytest
from django.utils.text import slugify

from balkan.models import Quote

LONG = (
    "Japan's foreign minister met the prime minister and discussed cooperation in trade, culture, "
    "disaster risk reduction and education, and the two sides agreed to meet again next year."
)


class Assets(HTMLParser):
    """Collect what a page makes the browser fetch before images: stylesheets, scripts, fonts."""

    def __init__(self):
        super().__init__()
        self.blocking, self.images = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") in ("stylesheet", "preload", "modulepreload"):
            self.blocking.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.blocking.append(attrs["src"])
        elif tag == "img":
            self.images.append(attrs["src"])


@pytest.fixture
def full_home(make_news, make_country, make_entry, make_partner):
    """A home page as full as it gets: every section at its limit, long texts."""
    countries = [
        make_country(name=name, slug=slugify(name), iso_code=name[:2].upper(), summary=LONG)
        for name in (
            "Albania",
            "Bosnia and Herzegovina",
            "Bulgaria",
            "Croatia",
            "Greece",
            "Kosovo",
            "Montenegro",
            "North Macedonia",
            "Romania",
            "Serbia",
            "Slovenia",
            "Türkiye",
        )
    ]
    for n in range(12):
        make_news(
            title=f"Japan and {countries[n].name} sign an agreement on cooperation in disaster risk reduction",
            summary=LONG,
            is_featured=n < 3,
            countries=countries[n : n + 3],
        )
    for n in range(8):
        make_entry(
            title=f"Visit of the foreign minister to {countries[n].name}",
            countries=[countries[n]],
            is_highlight=True,
        )
        make_partner(
            name=f"Embassy of {countries[n].name} in Japan", is_official_partner=True, country=countries[n]
        )
    Quote.objects.create(text=LONG, author="A friend of the network")


@pytest.mark.django_db
def test_home_page_weighs_under_100_kb_before_images(client, full_home, settings):
    settings.SITE_URL = "http://testserver"
    home = client.get("/", HTTP_ACCEPT_ENCODING="br, gzip")
    assert home.status_code == 200
    assert home["Content-Encoding"] == "br"
    assets = Assets()
    assets.feed(brotli.decompress(home.content).decode())
    assert assets.blocking, "the page links its stylesheet"
    total = len(home.content)  # as sent: the page cache compresses public pages itself
    for url in assets.blocking:
        response = client.get(url, HTTP_ACCEPT_ENCODING="br, gzip")
        assert response.status_code == 200, url
        assert response["Content-Encoding"] == "br", url
        total += sum(len(chunk) for chunk in response.streaming_content)
    assert total < 100_000, f"home page: {total} bytes before images"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/news/", "/countries/", "/chronology/", "/partners/", "/search/?q=x"])
def test_pages_load_nothing_from_other_sites(client, full_home, settings, url):
    settings.SITE_URL = "https://balkan.example"
    assets = Assets()
    assets.feed(client.get(url).content.decode())
    for asset in assets.blocking + assets.images:
        assert asset.startswith("/") and not asset.startswith("//"), asset


def test_stylesheet_uses_system_fonts_and_imports_nothing(client):
    from django.contrib.staticfiles.storage import staticfiles_storage

    css = client.get(staticfiles_storage.url("css/site.css")).getvalue().decode()
    assert "@font-face" not in css and "@import" not in css
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", css)
    assert "system-ui" in css


def test_static_files_are_hashed_compressed_and_cached_for_a_year(client):
    from django.contrib.staticfiles.storage import staticfiles_storage

    url = staticfiles_storage.url("css/site.css")
    assert re.search(r"/site\.[0-9a-f]{12}\.css$", url)
    response = client.get(url, HTTP_ACCEPT_ENCODING="br")
    assert response["Content-Encoding"] == "br"
    assert "immutable" in response["Cache-Control"] and "max-age=315360000" in response["Cache-Control"]
    plain = client.get(url)
    assert "Content-Encoding" not in plain
    compressed = sum(len(chunk) for chunk in response.streaming_content)
    assert compressed < sum(len(chunk) for chunk in plain.streaming_content) / 2
