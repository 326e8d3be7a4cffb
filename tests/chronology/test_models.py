"""Chronology entries: dates shown as precisely as known, the queries the timeline uses, the entry's rules."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from chronology.models import ChronologyEntry

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.mark.parametrize(
    ("fields", "display", "iso"),
    [
        ({"date": D(1899, 1, 1), "date_precision": "year"}, "1899", "1899"),
        ({"date": D(1899, 1, 1), "date_precision": "year", "circa": True}, "c. 1899", "1899"),
        ({"date": D(2023, 3, 1), "date_precision": "month"}, "March 2023", "2023-03"),
        ({"date": D(2022, 11, 8), "date_precision": "day"}, "8 November 2022", "2022-11-08"),
        ({"date": D(2022, 11, 8), "end_date": D(2022, 11, 11)}, "8–11 November 2022", "2022-11-08"),
    ],
)
def test_a_date_is_shown_as_precisely_as_it_is_known(make_entry, fields, display, iso):
    entry = make_entry(title="Treaty", **fields)
    with translation.override("en"):
        assert entry.date_display == display
        assert str(entry) == f"{display}: Treaty"
    assert entry.date_iso == iso


def test_an_entry_lives_at_its_anchor_on_the_timeline(make_entry):
    entry = make_entry(ref="relations-1899")
    assert entry.get_absolute_url() == "/chronology/#entry-relations-1899"
    assert entry.decade == entry.date.year // 10 * 10


def test_the_entry_itself_refuses_an_end_before_its_start(make_entry):
    entry = make_entry(date=D(2022, 11, 8), end_date=D(2022, 11, 1))
    with pytest.raises(ValidationError) as raised:
        entry.clean()
    assert list(raised.value.message_dict) == ["end_date"]


def test_only_published_entries_are_public(make_entry):
    shown = make_entry()
    make_entry(is_published=False)
    assert list(ChronologyEntry.objects.published()) == [shown]


def test_entries_of_several_countries_are_listed_once(make_entry, make_country):
    slovenia, serbia = (
        make_country(name="Slovenia", iso_code="SI"),
        make_country(name="Serbia", iso_code="RS"),
    )
    both = make_entry(countries=[slovenia, serbia])
    only_serbia = make_entry(countries=[serbia])
    make_entry()
    assert list(ChronologyEntry.objects.for_countries([slovenia, serbia]).order_by("pk")) == [
        both,
        only_serbia,
    ]
    assert list(ChronologyEntry.objects.for_country(slovenia)) == [both]


def test_years_keep_the_entries_in_them_and_the_spans_that_overlap_them(make_entry):
    before = make_entry(date=D(1989, 6, 1))
    span = make_entry(date=D(1989, 12, 1), end_date=D(1990, 2, 1))
    inside = make_entry(date=D(1995, 1, 1))
    after = make_entry(date=D(2001, 1, 1))
    entries = ChronologyEntry.objects.order_by("date")
    assert list(entries.between_years(1990, 2000)) == [span, inside]
    assert list(entries.between_years(first=1996)) == [after]
    assert list(entries.between_years(last=1989)) == [before, span]


def test_the_timeline_is_in_date_order(make_entry):
    late, early = make_entry(date=D(2000, 1, 1)), make_entry(date=D(1900, 1, 1))
    assert list(ChronologyEntry.objects.for_timeline()) == [early, late]


def test_only_public_related_news_is_offered_to_readers(make_entry, make_news):
    entry = make_entry()
    public, draft = make_news(title="Public"), make_news(title="Draft", status="draft")
    entry.related_news.set([public, draft])
    assert entry.public_related_news() == [public]
