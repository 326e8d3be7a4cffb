import datetime

import pytest
from django import forms
from django.utils import translation

from chronology.models import ChronologyEntry
from core.dates import (
    build_partial_date,
    format_partial_date,
    format_partial_span,
    parse_partial_date,
    partial_date_text,
)

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


SPANS = [
    # start, start precision, end, end precision, English, Japanese
    ((2022, 11, 8), "day", (2022, 11, 11), "day", "8–11 November 2022", "2022年11月8日～11日"),
    (
        (2022, 10, 30),
        "day",
        (2022, 11, 2),
        "day",
        "30 October 2022 – 2 November 2022",
        "2022年10月30日～2022年11月2日",
    ),
    (
        (2019, 10, 1),
        "month",
        (2019, 12, 1),
        "month",
        "October 2019 – December 2019",
        "2019年10月～2019年12月",
    ),
    ((1999, 1, 1), "year", (2001, 1, 1), "year", "1999 – 2001", "1999年～2001年"),
    (
        (2022, 11, 1),
        "month",
        (2022, 11, 11),
        "day",
        "November 2022 – 11 November 2022",
        "2022年11月～2022年11月11日",
    ),
]


@pytest.mark.parametrize(("start", "start_precision", "end", "end_precision", "english", "japanese"), SPANS)
def test_spans_show_both_ends_as_known_in_both_languages(
    start, start_precision, end, end_precision, english, japanese
):
    start, end = datetime.date(*start), datetime.date(*end)
    with translation.override("en"):
        assert format_partial_span(start, start_precision, end, end_precision) == english
    with translation.override("ja"):
        assert format_partial_span(start, start_precision, end, end_precision) == japanese


def test_an_approximate_span_is_marked_once():
    start, end = datetime.date(1890, 1, 1), datetime.date(1895, 1, 1)
    with translation.override("en"):
        assert format_partial_span(start, "year", end, "year", circa=True) == "c. 1890 – 1895"
    with translation.override("ja"):
        assert format_partial_span(start, "year", end, "year", circa=True) == "1890年～1895年頃"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "english", "japanese"),
    [
        ({"date": datetime.date(1899, 1, 1), "date_precision": "year"}, "1899", "1899年"),
        ({"date": datetime.date(2023, 3, 1), "date_precision": "month"}, "March 2023", "2023年3月"),
        ({"date": datetime.date(2022, 11, 8), "date_precision": "day"}, "8 November 2022", "2022年11月8日"),
        ({"date": datetime.date(1890, 1, 1), "date_precision": "year", "circa": True}, "c. 1890", "1890年頃"),
        (
            {
                "date": datetime.date(2022, 11, 8),
                "end_date": datetime.date(2022, 11, 11),
                "end_date_precision": "day",
            },
            "8–11 November 2022",
            "2022年11月8日～11日",
        ),
    ],
)
def test_an_entry_shows_its_date_as_known_in_both_languages(make_entry, fields, english, japanese):
    entry = make_entry(**fields)
    with translation.override("en"):
        assert entry.date_display == english
    with translation.override("ja"):
        assert entry.date_display == japanese


@pytest.mark.django_db
def test_entries_sort_by_date_across_precisions(make_entry):
    august = make_entry(date=datetime.date(2019, 8, 14))
    year = make_entry(date=datetime.date(2019, 1, 1), date_precision="year")
    december = make_entry(date=datetime.date(2018, 12, 31))
    april = make_entry(date=datetime.date(2019, 4, 1), date_precision="month")
    twentieth_century = make_entry(date=datetime.date(1921, 1, 1), date_precision="year")
    assert list(ChronologyEntry.objects.all()) == [twentieth_century, december, year, april, august]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1899", (datetime.date(1899, 1, 1), "year")),
        ("2023-03", (datetime.date(2023, 3, 1), "month")),
        ("2022-11-08", (datetime.date(2022, 11, 8), "day")),
        ("2022/11/8", (datetime.date(2022, 11, 8), "day")),
        (" 1921 ", (datetime.date(1921, 1, 1), "year")),
    ],
)
def test_dates_written_as_known_are_read_with_their_precision(text, expected):
    assert parse_partial_date(text) == expected
    assert parse_partial_date(partial_date_text(*expected)) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("8 November 2022", "format"),
        ("2022--08", "format"),
        ("2023-02-29", "no_such_day"),
        ("2022-11-00", "no_such_day"),
        ("2022-13", "month"),
        ("2022-00", "month"),
        ("0", "year"),
    ],
)
def test_dates_that_cannot_be_are_refused(text, code):
    with pytest.raises(forms.ValidationError) as error:
        parse_partial_date(text)
    assert error.value.code == code


def test_dates_are_written_as_they_are_read():
    assert partial_date_text(datetime.date(1899, 1, 1), "year") == "1899"
    assert partial_date_text(datetime.date(2023, 3, 1), "month") == "2023-03"
    assert partial_date_text(datetime.date(2022, 11, 8), "day") == "2022-11-08"
    assert partial_date_text(None, "day") == ""
