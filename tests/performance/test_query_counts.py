"""Every public page costs the same number of queries with 1 and with 50 items of each kind.

The stored pages and lists are dropped before each measurement, so these are
the costs of rendering a page, not of serving it from the cache (which costs
none). The generations stay, as they do between two changes of a running site.
The pieces (pagecache.fragments) are dropped too for BUDGETS, the cost of a page
rendered from nothing; KEPT_PIECES_BUDGETS is what the pages cost on a miss when
this process still keeps their cards, entries and filter forms.
"""

import datetime
import itertools

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from balkan.models import Quote
from countries.models import Country, Embassy, TradeFigure
from news.models import NewsImage, NewsItem
from pagecache import fragments
from pagecache.store import forget_near_cache, mark_synchronised
from partners.models import PartnerOrganisation
from tests.helpers.images import image_upload

# Queries per page, whatever the number of items.
BUDGETS = {
    # featured + countries, latest + countries, countries, highlights with category + their countries
    # and news, official partners, a quote; upcoming events: stories, chronology entries
    "/": 12,
    # count, items, their countries, the country filter's choices
    "/news/": 4,
    "/ja/news/": 4,
    # + the country filter's own lookup
    "/news/?country=country-0": 5,
    # + the tag with its Japanese name, for "Tagged “…”"
    "/news/?tag=topic": 5,
    "/news/?kind=visit": 4,
    "/news/?year=2020": 4,
    # item, its countries and tags; ranking related items (the newest sharing a country, those sharing
    # a tag, their order: kept until the news change), the related items; made for its article:
    # partners, gallery, documents; for the related cards: their countries
    "/news/the-story/": 11,
    "/countries/": 1,
    # country with trade; news; entries; made for its pieces: embassies, documents, partners; the news'
    # countries; the entries' countries and news; upcoming events: stories, chronology entries
    "/countries/country-0/": 12,
    # country, its latest trade figure
    "/countries/country-0/embed/": 2,
    "/countries/country-0/card.png": 2,
    "/countries/country-0/qr.svg": 1,
    # country, items, their countries
    "/countries/country-0/feed/": 3,
    "/news/feed/": 2,
    # entries with category, countries, related news; the two filters' choices
    "/chronology/": 5,
    "/partners/": 1,
    # partner with country, its news + their countries
    "/partners/partner-0/": 3,
    # the newest matches of each kind ranked, the texts of the page's records, the names of countries
    # and partners (two, kept in the cache when it is on), the words the index knows
    "/search/?q=japan": 5,
    # news, countries, partners, site pages, and the lastmod of home and each list
    "/sitemap.xml": 8,
    "/about/": 1,
}

# With every piece kept, and the values kept beside the pages (lists' lengths, rankings): no countries of
# cards, no countries and news of chronology entries, no
# filter choices, no story's partners, gallery and documents, no profile's embassies, documents and
# partners, no upcoming events, countries or partners on the home page.
KEPT_PIECES_BUDGETS = {
    # featured, latest, highlights with category, a quote (countries, partners and upcoming events are
    # kept pieces)
    "/": 4,
    # the items (their length is kept beside the pages, until the news change)
    "/news/": 1,
    "/ja/news/": 1,
    # + the country filter's own lookup
    "/news/?country=country-0": 2,
    # item, the related items (its countries and tags are kept beside it, NewsItem.links; its head and
    # article are kept: no partners, gallery or documents)
    "/news/the-story/": 2,
    # country with trade; news; entries (its record, embassies, documents, partners and upcoming events:
    # kept)
    "/countries/country-0/": 4,
    # entries with category
    "/chronology/": 1,
    # partner with country, its news
    "/partners/partner-0/": 2,
}


class GrowingSite:
    """A site whose items of every kind can be added to, all linked to each other."""

    def __init__(self, make_country, make_news, make_partner, make_entry, make_category):
        self.make_country, self.make_news = make_country, make_news
        self.make_partner, self.make_entry, self.make_category = make_partner, make_entry, make_category
        self.codes = (a + b for a, b in itertools.product("ABCDEFGHIJKLMNOPQRSTUVWXYZ", repeat=2))
        self.start = datetime.datetime(2020, 6, 1, 12, tzinfo=datetime.UTC)
        self.size = 0
        self.home = self.add_country(0)
        Embassy.objects.create(country=self.home, kind="in_japan", name="Embassy in Tokyo", address="Tokyo")
        Embassy.objects.create(
            country=self.home, kind="of_japan", name="Embassy of Japan", address="Ljubljana"
        )
        self.story = make_news(
            title="Japan: the story", slug="the-story", kind="visit", publish_at=self.start
        )

    def add_country(self, n):
        return self.make_country(name=f"Country {n}", slug=f"country-{n}", iso_code=next(self.codes))

    def grow(self, size):
        """Add items until there are `size` of each kind (and the story every page links to)."""
        for n in range(self.size, size):
            country = self.home if n == 0 else self.add_country(n)
            partner = self.make_partner(
                name=f"Japan partner {n}",
                slug=f"partner-{n}",
                country=self.home,
                is_official_partner=n % 2 == 0,
            )
            TradeFigure.objects.create(
                country=self.home, year=2000 + n, exports_to_japan=10, imports_from_japan=5
            )
            story = self.make_news(
                title=f"Japan story {n}",
                kind="visit",
                publish_at=self.start - datetime.timedelta(hours=n + 1),
                countries=list(Country.objects.all()),
                partners=list(PartnerOrganisation.objects.all()),
                is_featured=n % 3 == 0,
            )
            story.tags.add("topic", f"topic {n}")
            self.story.countries.add(country)
            self.story.partners.add(partner)
            self.story.tags.add(f"topic {n}")
            NewsImage.objects.create(
                news_item=self.story, image=image_upload(f"photo{n}.jpg"), alt=f"Photo {n}"
            )
            self.make_entry(
                title=f"Japan entry {n}",
                countries=list(Country.objects.all()),
                related_news=list(NewsItem.objects.all()),
                category=self.make_category(f"category-{n % 6}"),
                is_highlight=True,
            )
            Quote.objects.create(text=f"Quote {n}", author=f"Author {n}")
        self.size = size


def drop_stored_pages(pieces=True):
    """Drop the stored pages; with `pieces`, the values kept beside them (lists' lengths...) and the pieces too."""
    pages = caches["default"]
    if hasattr(pages, "delete_pattern"):  # Redis, shared with the generations
        pages.delete_pattern("page:*")
        if pieces:
            pages.delete_pattern("data:*")
    elif pieces:
        pages.clear()
    else:  # this process's memory: only the pages
        with pages._lock:
            for key in [key for key in pages._cache if ":page:" in key]:
                pages._delete(key)
    forget_near_cache()
    if pieces:
        fragments.forget()
    # The sync lease lives PAGE_CACHE_SYNC_SECONDS: on a busy machine it would expire mid-run
    # and add its own queries to whichever page came next.
    mark_synchronised()


def queries_per_page(client, urls=BUDGETS, pieces=True):
    """Return {url: number of queries} for every page, each rendered with an empty page cache."""
    counts = {}
    for url in urls:
        drop_stored_pages(pieces)
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200, url
        assert response["X-Cache"] == "MISS", url
        counts[url] = len(context)
    return counts


@pytest.mark.django_db
def test_every_public_page_costs_the_same_queries_with_1_and_with_50_items(
    client, settings, make_country, make_news, make_partner, make_entry, make_category, site_pages
):
    settings.SITE_URL = "http://testserver"
    # The sync lease must outlive the run: expired mid-run on a busy machine, it adds its own queries.
    settings.PAGE_CACHE_SYNC_SECONDS = 3600
    site = GrowingSite(make_country, make_news, make_partner, make_entry, make_category)
    site.grow(1)
    with_one = queries_per_page(client)
    site.grow(50)
    assert NewsItem.objects.count() == 51 and Country.objects.count() == 50
    assert site.story.countries.count() == site.story.images.count() == 50
    with_fifty = queries_per_page(client)
    assert with_one == with_fifty == BUDGETS


@pytest.mark.django_db
def test_a_page_whose_pieces_are_kept_reads_neither_their_countries_nor_their_choices(
    client, settings, make_country, make_news, make_partner, make_entry, make_category, site_pages
):
    settings.SITE_URL = "http://testserver"
    # The sync lease must outlive the run: expired mid-run on a busy machine, it adds its own queries.
    settings.PAGE_CACHE_SYNC_SECONDS = 3600
    site = GrowingSite(make_country, make_news, make_partner, make_entry, make_category)
    site.grow(50)
    cold = queries_per_page(client, KEPT_PIECES_BUDGETS)
    queries_per_page(client, KEPT_PIECES_BUDGETS, pieces=False)  # each page's pieces made once more, kept
    warm = queries_per_page(client, KEPT_PIECES_BUDGETS, pieces=False)
    assert warm == KEPT_PIECES_BUDGETS
    assert all(warm[url] < cold[url] for url in KEPT_PIECES_BUDGETS)
    # ...and what the kept pieces show is what a page made from nothing shows (the home page's quote
    # is drawn at random: keep one).
    Quote.objects.exclude(pk=Quote.objects.first().pk).delete()
    for url in KEPT_PIECES_BUDGETS:
        drop_stored_pages(pieces=False)
        kept = client.get(url).content
        drop_stored_pages()
        assert client.get(url).content == kept, url
