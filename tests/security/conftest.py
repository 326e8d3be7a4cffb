"""Fixtures of the tests in tests/security/."""

import pytest


@pytest.fixture
def factories(make_news, make_country, make_entry, make_partner, make_story_document, make_profile_document):
    return {
        "news": make_news,
        "country": make_country,
        "entry": make_entry,
        "partner": make_partner,
        "story_document": make_story_document,
        "profile_document": make_profile_document,
    }
