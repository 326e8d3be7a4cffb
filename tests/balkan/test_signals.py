"""What a change to the site's own content refreshes in the page cache: its own pages only."""

import pytest

from balkan.models import Quote
from tests.helpers.cached_pages import cache_every_page, refreshed_pages


@pytest.mark.django_db
def test_a_quote_refreshes_the_pages_of_the_site_itself(client, site):
    cache_every_page(client)
    Quote.objects.create(text="Another voice.", author="Someone")
    assert refreshed_pages(client) == {"home", "home-ja", "sitemap", "about"}
