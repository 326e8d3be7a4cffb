"""A change refreshes exactly the cached pages that show it, and no other.

Every test caches a whole small site first, makes one change the way the admin
does (model saves, then many-to-many links), and then looks at every page: the
ones that show the change are rendered again (X-Cache: MISS) and show it, all
the others are still served from the cache (X-Cache: HIT).
"""

import pytest
from django.urls import reverse

from balkan.models import Quote
from countries.models import TradeFigure

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


@pytest.fixture
def site(make_country, make_news, make_partner, make_entry, site_pages):
    slovenia = make_country(name="Slovenia", iso_code="SI")
    romania = make_country(name="Romania", iso_code="RO")
    ljubljana = make_partner(name="University of Ljubljana", slug="ljubljana-university", country=slovenia)
    bucharest = make_partner(name="University of Bucharest", slug="bucharest-university", country=romania)
    slovenian = make_news(title="Japan and Slovenia", slug="slovenian-story", countries=[slovenia])
    romanian = make_news(title="Japan and Romania", slug="romanian-story", countries=[romania])
    slovenian.partners.add(ljubljana)
    romanian.partners.add(bucharest)
    for n in range(25):
        make_news(title=f"Japan older story {n}")
    make_entry(title="Relations established", countries=[romania], is_highlight=True)
    Quote.objects.create(text="Bridges between people.", author="A friend")
    return {"slovenia": slovenia, "romania": romania, "ljubljana": ljubljana, "slovenian": slovenian}


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


@pytest.mark.django_db
def test_publishing_a_story_refreshes_exactly_the_pages_that_show_it(client, site):
    cache_every_page(client)
    publish_story(site)
    assert refreshed_pages(client) == PUBLISH_REFRESHES
    for name in ("home", "news", "news-feed", "slovenia", "slovenia-feed", "ljubljana-university"):
        assert "Kono visits Ljubljana" in client.get(PAGES[name]).content.decode(), name
    assert "kono-visits-ljubljana" in client.get("/sitemap.xml").content.decode()
    assert refreshed_pages(client) == set()  # and the fresh pages are cached again


@pytest.mark.django_db
def test_publishing_through_the_admin_refreshes_the_same_pages(client, site, django_user_model):
    cache_every_page(client)
    editor = django_user_model.objects.create_superuser(
        "editor", "editor@example.org", "a long secret phrase"
    )
    staff = type(client)()
    staff.force_login(editor)
    response = staff.post(
        reverse("admin:news_newsitem_add"),
        {
            "title_en": "Kono visits Ljubljana",
            "slug": "kono-visits-ljubljana",
            "summary_en": "Japan's foreign minister met Slovenian leaders.",
            "body_en": "<p>Japan and Slovenia agreed to deepen cooperation.</p>",
            "kind": "visit",
            "status": "published",
            "force_reason": "No second publisher in this test.",
            "publish_at_0": "2020-01-01",
            "publish_at_1": "10:00:00",
            "countries": [site["slovenia"].pk],
            "partners": [site["ljubljana"].pk],
            "tags": "Diplomacy",
            "images-TOTAL_FORMS": "0",
            "images-INITIAL_FORMS": "0",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    # Published in 2020: older than the 27 other stories, so it lands on page 2 of the list.
    assert refreshed_pages(client) == PUBLISH_REFRESHES
    assert "Kono visits Ljubljana" in client.get("/news/?page=2").content.decode()


@pytest.mark.django_db
def test_saving_a_draft_refreshes_nothing(client, site):
    cache_every_page(client)
    from news.models import NewsItem

    draft = NewsItem.objects.create(title="Not yet", slug="not-yet", status="draft")
    draft.countries.add(site["slovenia"])
    draft.title = "Still not yet"
    draft.save()
    assert refreshed_pages(client) == set()


@pytest.mark.django_db
def test_archiving_a_story_takes_it_off_every_page_that_showed_it(client, site):
    item = publish_story(site)
    cache_every_page(client)
    item.status = "archived"
    item.save()
    assert refreshed_pages(client) == PUBLISH_REFRESHES
    for name in ("home", "news", "slovenia", "news-feed"):
        assert "Kono visits Ljubljana" not in client.get(PAGES[name]).content.decode()
    assert client.get("/news/kono-visits-ljubljana/").status_code == 404


@pytest.mark.django_db
def test_renaming_a_country_refreshes_the_pages_that_name_it(client, site):
    cache_every_page(client)
    site["slovenia"].name = "Republic of Slovenia"
    site["slovenia"].save()
    # Country names appear in menus of filters, on cards and in links all over the site.
    assert refreshed_pages(client) == set(PAGES) - {"about"}
    assert "Republic of Slovenia" in client.get("/countries/").content.decode()


@pytest.mark.django_db
def test_trade_figures_refresh_only_their_country_profile_card_and_embed(client, site):
    cache_every_page(client)
    TradeFigure.objects.create(
        country=site["slovenia"], year=2023, exports_to_japan=150, imports_from_japan=90
    )
    assert refreshed_pages(client) == {
        "slovenia",
        "slovenia-ja",
        "slovenia-feed",
        "slovenia-embed",
        "slovenia-card",
        "slovenia-qr",
    }


@pytest.mark.django_db
def test_editing_a_partner_refreshes_partner_pages_and_its_country_profile(client, site):
    cache_every_page(client)
    site["ljubljana"].name = "Univerza v Ljubljani"
    site["ljubljana"].save()
    assert refreshed_pages(client) == {
        "home",
        "home-ja",
        "search",
        "sitemap",
        "partners",
        "ljubljana-university",
        "slovenia",
        "slovenia-ja",
        "slovenian-story",
        "romanian-story",
    }
    assert "Univerza v Ljubljani" in client.get("/news/slovenian-story/").content.decode()


@pytest.mark.django_db
def test_a_chronology_entry_refreshes_the_chronology_home_search_and_its_countries(client, site, make_entry):
    cache_every_page(client)
    make_entry(title="Embassy opened", countries=[site["slovenia"]])
    assert refreshed_pages(client) == {
        "home",
        "home-ja",
        "search",
        "chronology",
        "slovenia",
        "slovenia-ja",
        "sitemap",  # the chronology's lastmod
    }


@pytest.mark.django_db
def test_a_quote_refreshes_the_pages_of_the_site_itself(client, site):
    cache_every_page(client)
    Quote.objects.create(text="Another voice.", author="Someone")
    assert refreshed_pages(client) == {"home", "home-ja", "sitemap", "about"}
