import datetime

import pytest
from django import forms
from django.utils import translation

from balkan.dates import build_partial_date, format_partial_date, format_partial_span

CASES = [
    (datetime.date(1899, 1, 1), "year", "1899", "1899年"),
    (datetime.date(2023, 3, 1), "month", "March 2023", "2023年3月"),
    (datetime.date(2022, 11, 8), "day", "8 November 2022", "2022年11月8日"),
]


@pytest.mark.parametrize(("value", "precision", "english", "japanese"), CASES)
def test_partial_dates_show_exactly_what_is_known(value, precision, english, japanese):
    with translation.override("en"):
        assert format_partial_date(value, precision) == english
    with translation.override("ja"):
        assert format_partial_date(value, precision) == japanese


def test_a_span_within_one_month_is_compact():
    start, end = datetime.date(2022, 11, 8), datetime.date(2022, 11, 11)
    with translation.override("en"):
        assert format_partial_span(start, "day", end, "day") == "8–11 November 2022"
    with translation.override("ja"):
        assert format_partial_span(start, "day", end, "day") == "2022年11月8日～11日"


def test_a_span_across_months_shows_both_dates():
    with translation.override("en"):
        text = format_partial_span(datetime.date(2019, 10, 1), "month", datetime.date(2019, 12, 1), "month")
        assert text == "October 2019 – December 2019"


def test_circa_is_marked():
    with translation.override("en"):
        assert format_partial_date(datetime.date(1890, 1, 1), "year", circa=True) == "c. 1890"
    with translation.override("ja"):
        assert format_partial_date(datetime.date(1890, 1, 1), "year", circa=True) == "1890年頃"


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ((1899, None, None), (datetime.date(1899, 1, 1), "year")),
        ((2023, 3, None), (datetime.date(2023, 3, 1), "month")),
        ((2022, 11, 8), (datetime.date(2022, 11, 8), "day")),
    ],
)
def test_build_partial_date_keeps_the_precision(parts, expected):
    assert build_partial_date(*parts) == expected


@pytest.mark.parametrize(
    ("parts", "code"), [((2022, None, 8), "day_without_month"), ((2023, 2, 29), "no_such_day")]
)
def test_build_partial_date_refuses_impossible_dates(parts, code):
    with pytest.raises(forms.ValidationError) as error:
        build_partial_date(*parts)
    assert error.value.code == code
