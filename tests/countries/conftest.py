"""Fixtures for the country tests: Slovenia as the demo shows it, and an HTML reader."""

from decimal import Decimal
from html.parser import HTMLParser
from unittest import mock

import pytest
from django.utils import translation

from countries import cards
from countries.models import Country, TradeFigure
from tests.helpers.linked_data import SITE_URL
from tools.flags.__main__ import package_files


@pytest.fixture(autouse=True)
def _english():
    # A request to a /ja/ page leaves Japanese active in the thread; start each test in English.
    with translation.override("en"):
        yield


@pytest.fixture
def slovenia(make_country):
    country = make_country(
        name="Slovenia",
        name_ja="スロベニア",
        slug="slovenia",
        iso_code="SI",
        capital="Ljubljana",
        summary="An EU and euro-area member between the Alps and the Adriatic.",
    )
    TradeFigure.objects.create(
        country=country,
        year=2018,
        exports_to_japan=Decimal("119"),
        imports_from_japan=Decimal("86"),
        currency="EUR",
        source="Ministry of Foreign Affairs of the Republic of Slovenia",
    )
    return country


class Page(HTMLParser):
    """What the social-preview tests read from a page: meta, link, script and other elements."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.meta, self.links, self.scripts, self.elements = {}, [], [], []
        self._script = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta.setdefault(attrs.get("property") or attrs["name"], []).append(attrs.get("content", ""))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script":
            self._script = {"attrs": attrs, "text": ""}

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append(self._script)
            self._script = None

    def first(self, name):
        return self.meta.get(name, [""])[0]

    def link(self, rel, **attrs):
        return [
            link["href"]
            for link in self.links
            if rel in link.get("rel", "").split() and all(link.get(k) == v for k, v in attrs.items())
        ]


@pytest.fixture
def read_page():
    return Page


@pytest.fixture
def renders():
    """Count the cards drawn (the real drawing still runs)."""
    with mock.patch.object(cards, "render_card", wraps=cards.render_card) as spy:
        yield spy


@pytest.fixture
def pages(slovenia, make_news, site_pages):
    item = make_news(countries=[slovenia])
    return [
        "/",
        "/countries/",
        "/countries/slovenia/",
        "/ja/countries/slovenia/",
        f"/news/{item.slug}/",
        "/news/",
        "/admin/login/",
    ]


@pytest.fixture(scope="module")
def package():
    return package_files()


@pytest.fixture
def demo_countries(settings, demo):
    settings.SITE_URL = SITE_URL
    return list(Country.objects.published().order_by("slug"))
