"""Countries and their parts: addresses, zones, dates as known, latest figures, and parts that mark them changed."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.utils import translation

from countries.models import Country, Embassy, TradeFigure

pytestmark = pytest.mark.django_db


def test_only_published_countries_have_a_public_profile(make_country):
    shown = make_country(name="Slovenia", iso_code="SI")
    make_country(name="Japan", iso_code="JP", is_published=False)
    assert list(Country.objects.published()) == [shown]


def test_a_country_has_an_address_for_each_thing_embassies_share(make_country):
    country = make_country(name="North Macedonia", slug="north-macedonia", iso_code="MK")
    assert str(country) == "North Macedonia"
    assert country.get_absolute_url() == "/countries/north-macedonia/"
    assert country.get_card_url() == "/countries/north-macedonia/card.png"
    assert country.get_qr_url() == "/countries/north-macedonia/qr.svg"
    assert country.get_embed_url() == "/countries/north-macedonia/embed/"
    assert country.get_feed_url() == "/countries/north-macedonia/feed/"
    assert country.get_calendar_url().endswith("/countries/north-macedonia/events.ics")
    with translation.override("ja"):
        assert country.get_absolute_url() == "/ja/countries/north-macedonia/"


def test_a_flag_comes_by_iso_code_and_kosovo_has_one(make_country):
    assert make_country(name="Kosovo", iso_code="XK").flag_url.endswith(".svg")


def test_a_countrys_zone_is_its_capitals_unless_it_chose_one(make_country):
    assert make_country(name="Serbia", iso_code="RS").zone == zoneinfo.ZoneInfo("Europe/Belgrade")
    chosen = make_country(name="Greece", iso_code="GR", time_zone="Europe/Athens")
    assert chosen.zone == zoneinfo.ZoneInfo("Europe/Athens")


@pytest.mark.parametrize(
    ("date", "precision", "display", "attribute"),
    [
        (datetime.date(1921, 1, 1), "year", "1921", "1921"),
        (datetime.date(1922, 4, 1), "month", "April 1922", "1922-04"),
        (datetime.date(1992, 10, 12), "day", "12 October 1992", "1992-10-12"),
    ],
)
def test_relations_established_are_shown_as_precisely_as_known(
    make_country, date, precision, display, attribute
):
    country = make_country(relations_established=date, relations_established_precision=precision)
    with translation.override("en"):
        assert country.relations_established_display == display
    assert country.relations_established_datetime == attribute


def test_the_latest_trade_figures_are_the_newest_years(make_country):
    country = make_country()
    assert country.latest_trade_figure is None
    for year in (2019, 2021, 2020):
        TradeFigure.objects.create(country=country, year=year, exports_to_japan=1, imports_from_japan=2)
    assert Country.objects.for_profile().get(pk=country.pk).latest_trade_figure.year == 2021


def test_trade_figures_read_as_a_reader_says_them(make_country):
    figure = TradeFigure(
        country=make_country(), year=2018, exports_to_japan=Decimal("119"), imports_from_japan=Decimal("86.5")
    )
    with translation.override("en"):
        assert "119" in figure.exports_display and "EUR" in figure.exports_display
        assert "86.5" in figure.imports_display
    assert str(figure) == "Slovenia 2018"


def test_saving_or_deleting_a_part_marks_its_country_changed(make_country):
    country = make_country()
    Country.objects.filter(pk=country.pk).update(
        updated_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    figure = TradeFigure.objects.create(country=country, year=2020, exports_to_japan=1, imports_from_japan=1)
    country.refresh_from_db()
    assert country.updated_at.year > 2020
    Country.objects.filter(pk=country.pk).update(
        updated_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    figure.delete()
    country.refresh_from_db()
    assert country.updated_at.year > 2020


def test_an_embassys_map_link_is_its_own_or_a_search_for_its_address(make_country):
    country = make_country()
    given = Embassy(country=country, kind="in_japan", name="E", map_url="https://maps.example/1")
    assert given.map_link == "https://maps.example/1"
    searched = Embassy(country=country, kind="of_japan", name="E", address="Trg republike 3,\n1000 Ljubljana")
    assert searched.map_link == "https://www.openstreetmap.org/search?query=Trg+republike+3%2C+1000+Ljubljana"
    assert Embassy(country=country, kind="of_japan", name="E").map_link == ""
