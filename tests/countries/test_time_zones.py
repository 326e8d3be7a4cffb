"""Where a country keeps its clocks: its capital's zone unless one is chosen, and only real zone names."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from countries.time_zones import FALLBACK, JAPAN, validate_time_zone, zone_for


def test_a_country_time_zone_must_be_a_real_one(slovenia):
    from django.core.exceptions import ValidationError

    slovenia.time_zone = "Europe/Nowhere"
    with pytest.raises(ValidationError) as raised:
        slovenia.full_clean()
    assert "time_zone" in raised.value.message_dict


@pytest.mark.parametrize("name", ["", "Europe/Ljubljana", "Asia/Tokyo", "UTC"])
def test_a_known_zone_name_or_none_at_all_is_accepted(name):
    validate_time_zone(name)


@pytest.mark.parametrize("name", ["Europe/Nowhere", "europe/ljubljana", "CET+1", "Ljubljana"])
def test_a_name_the_time_zone_database_does_not_know_is_refused_with_the_name_in_the_message(name):
    with pytest.raises(ValidationError) as raised:
        validate_time_zone(name)
    assert raised.value.code == "time_zone"
    assert name in raised.value.messages[0]


@pytest.mark.parametrize(
    ("iso_code", "zone"),
    [("SI", "Europe/Ljubljana"), ("GR", "Europe/Athens"), ("JP", JAPAN), ("XK", "Europe/Belgrade")],
)
def test_a_country_keeps_its_capitals_clocks(iso_code, zone):
    assert zone_for(iso_code) == zoneinfo.ZoneInfo(zone)


def test_a_chosen_zone_wins_over_the_capitals():
    assert zone_for("SI", "Europe/Athens") == zoneinfo.ZoneInfo("Europe/Athens")


def test_a_country_nobody_listed_keeps_the_regions_usual_clocks():
    assert zone_for("ZZ") == zoneinfo.ZoneInfo(FALLBACK)


def test_athens_is_an_hour_ahead_of_ljubljana_in_winter():
    noon = datetime.datetime(2030, 1, 20, 12, tzinfo=datetime.UTC)
    athens, ljubljana = noon.astimezone(zone_for("GR")), noon.astimezone(zone_for("SI"))
    assert (athens.hour, ljubljana.hour) == (14, 13)
