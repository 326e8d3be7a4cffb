import datetime

import pytest
from django.utils import timezone


@pytest.fixture
def slovenia(make_country):
    return make_country(name="Slovenia", name_ja="スロベニア", slug="slovenia", iso_code="SI")


@pytest.fixture
def greece(make_country):
    return make_country(name="Greece", name_ja="ギリシャ", slug="greece", iso_code="GR")


@pytest.fixture
def soon():
    """A day in January next year: in the future, and in winter time (CET, Athens +2) whenever the tests run."""
    return datetime.date(timezone.localdate().year + 1, 1, 20)


@pytest.fixture
def make_event(make_news, soon):
    def make(**kwargs):
        defaults = {
            "kind": "event",
            "event_start": soon,
            "venue": "Cankarjev dom",
            "city": "Ljubljana",
        }
        defaults.update(kwargs)
        countries = defaults.pop("countries", [])
        item = make_news(**defaults)
        if countries:
            item.countries.set(countries)
        return item

    return make
