"""What a change to a partner refreshes in the page cache: partner pages, its country and its stories."""

import pytest

from tests.helpers.cached_pages import cache_every_page, refreshed_pages


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
