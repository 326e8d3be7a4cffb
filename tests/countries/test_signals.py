"""What a change to a country refreshes in the page cache: every page that names it, and trade figures only its own."""

import pytest

from countries.models import TradeFigure
from tests.helpers.cached_pages import PAGES, cache_every_page, refreshed_pages


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
