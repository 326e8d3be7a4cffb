"""Fixtures of the tests in tests/performance/."""

import pytest


@pytest.fixture
def story(make_news, make_country):
    return make_news(title="Kono visits Ljubljana", countries=[make_country(name="Slovenia")])
