"""Fixtures of the site's own tests."""

import datetime

import pytest
from django.utils import timezone


@pytest.fixture
def content(make_news, make_country, make_entry, make_partner, site_pages):
    """Published news, countries and a partner, and as many hidden ones (draft, scheduled, unpublished)."""
    hour = datetime.timedelta(hours=1)
    return {
        "public": [
            make_news(slug="visit-to-ljubljana"),
            make_news(slug="workshop-in-veliko-tarnovo"),
            make_country(name="Slovenia"),
            make_country(name="Kosovo", iso_code="XK"),
            make_partner(slug="cosylab"),
        ],
        "hidden": [
            make_news(slug="draft-story", status="draft"),
            make_news(slug="story-in-review", status="review"),
            make_news(slug="archived-story", status="archived"),
            make_news(slug="scheduled-story", publish_at=timezone.now() + hour),
            make_country(name="Japan", iso_code="JP", is_published=False),
            make_partner(slug="unpublished-partner", is_published=False),
        ],
        "entry": make_entry(),
    }
