"""Fixtures of the tests in tests/security/."""

import pytest


@pytest.fixture
def factories(make_news, make_country, make_entry, make_partner):
    return {"news": make_news, "country": make_country, "entry": make_entry, "partner": make_partner}
