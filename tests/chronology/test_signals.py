"""What a new chronology entry refreshes in the page cache: the chronology, home, search and its countries."""

import pytest

from tests.helpers.cached_pages import cache_every_page, refreshed_pages


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
