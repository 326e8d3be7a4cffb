"""Fixtures for the chronology tests: an editor in the admin and spreadsheets made in memory."""

import pytest


@pytest.fixture
def places(make_country, make_category, make_news):
    """The countries, categories and a news item that the spreadsheets in these tests name."""
    make_category("visit")
    make_category("agreement")
    make_category("science-technology")
    return {
        "slovenia": make_country(name="Slovenia", iso_code="SI"),
        "romania": make_country(name="Romania", iso_code="RO"),
        "bulgaria": make_country(name="Bulgaria", iso_code="BG"),
        "news": make_news(slug="seismic-risk-workshop-veliko-tarnovo-2022"),
    }
