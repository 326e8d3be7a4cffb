"""Planning and applying a chronology import: row by row, all or nothing."""

import datetime

import pytest

from chronology.importers import apply_import, plan_import
from chronology.models import ChronologyEntry
from chronology.spreadsheets import Table
from tests.helpers.spreadsheets import HEADER, row

pytestmark = pytest.mark.django_db


def table(rows, header=HEADER):
    return Table(header=header, rows=[(number, cells) for number, cells in enumerate(rows, start=2)])


def problems(plan):
    return [(error.row, error.column, error.message) for error in plan.errors]


def test_headings_are_checked_before_any_row(places):
    header = ["Ref", "Date", "title en", "category", "date", "colour", ""]
    plan = plan_import(Table(header=header + ["countries"], rows=[(2, ["x"] * 8)]))
    assert problems(plan) == [
        (1, "date", "This column appears twice."),
        (1, "colour", "Unknown column. The columns are: " + ", ".join(HEADER) + "."),
        (1, "", "A column has no heading."),
    ]
    assert plan.rows == []


def test_a_file_without_references_is_refused():
    plan = plan_import(Table(header=["date", "title_en"], rows=[(2, ["1899", "Treaty"])]))
    assert problems(plan) == [(1, "ref", "This column is missing; every file needs it.")]


def test_a_reference_used_twice_in_one_file_is_reported_on_the_second_row(places):
    plan = plan_import(
        table([row(ref="a", date="1899", title_en="A"), row(ref="a", date="1900", title_en="B")])
    )
    assert problems(plan) == [(3, "ref", "Row 2 has the same reference.")]


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        ({"date": "8 November 2022"}, "date", "Write the date as it is known: 1899, 2023-03 or 2022-11-08."),
        ({"date": "2022-00"}, "date", "The month must be between 1 and 12."),
        ({"end_date": "2022-11-31"}, "end_date", "2022-11-31 is not a day that exists."),
        ({"date": "2022-11-08", "end_date": "2022-11"}, "end_date", "The end cannot come before the start."),
        ({"circa": "maybe"}, "circa", "Write yes or no."),
        (
            {"category": "war"},
            "category",
            "There is no category “war”. The categories are: agreement, science-technology, visit.",
        ),
        (
            {"related_news": "no-such-story"},
            "related_news",
            "Unknown news item: no-such-story. Use the slug from its address.",
        ),
        ({"source_url": "not a link"}, "source_url", "Enter a valid URL."),
        (
            {"ref": "has spaces"},
            "ref",
            "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.",
        ),
        ({"title_en": "x" * 251}, "title_en", "Ensure this value has at most 250 characters (it has 251)."),
        (
            {"description_en": "<p>Signed.</p><style>p {}<p>Both ministers attended.</p>"},
            "description_en",
            "Part of the text would be lost when it is cleaned: “p {} Both ministers attended.”. It follows "
            "markup that cannot be kept (such as an unclosed <style>). Fix the HTML source and save again.",
        ),
    ],
)
def test_each_bad_cell_is_reported_with_its_column_and_reason(places, cells, column, message):
    values = {"ref": "entry", "date": "2022", "title_en": "An entry", **cells}
    plan = plan_import(table([row(**values)]))
    assert problems(plan) == [(2, column, message)]


def test_names_are_matched_whatever_their_case_and_separators(places):
    plan = plan_import(
        table(
            [row(ref="a", date="2019/8/14", title_en="A", category="Visit", countries="Slovenia、 romania")]
        )
    )
    assert plan.errors == []
    assert plan.rows[0].values["countries"] == ("romania", "slovenia")
    assert plan.rows[0].values["date"] == (datetime.date(2019, 8, 14), "day")


def test_a_file_with_only_some_columns_changes_only_those(places, make_entry):
    entry = make_entry(ref="si-1999-cherry-trees", title_en="Cherry trees", is_highlight=True)
    entry.countries.set([places["slovenia"]])
    plan = plan_import(Table(header=["ref", "title_ja"], rows=[(2, ["si-1999-cherry-trees", "桜の木"])]))
    assert [(planned.action, planned.changed) for planned in plan.rows] == [("update", ["title_ja"])]
    apply_import(plan)
    entry.refresh_from_db()
    assert (entry.title_en, entry.title_ja, entry.is_highlight) == ("Cherry trees", "桜の木", True)
    assert list(entry.countries.all()) == [places["slovenia"]]


def test_a_new_entry_needs_a_date_title_and_category(places):
    plan = plan_import(Table(header=["ref", "title_ja"], rows=[(2, ["new-entry", "新しい項目"])]))
    assert problems(plan) == [
        (2, "date", "A new entry needs this column."),
        (2, "title_en", "A new entry needs this column."),
        (2, "category", "A new entry needs this column."),
    ]


def test_descriptions_are_sanitised_before_they_are_compared_or_stored(places):
    plan = plan_import(
        table(
            [
                row(
                    ref="a",
                    date="2019",
                    title_en="A",
                    description_en='<p onclick="x()">Hi<script>bad()</script></p>',
                )
            ]
        )
    )
    assert plan.rows[0].values["description_en"] == "<p>Hi</p>"


def test_an_invalid_plan_is_never_applied(places):
    plan = plan_import(table([row(ref="a", date="not a date", title_en="A")]))
    with pytest.raises(ValueError, match="never written"):
        apply_import(plan)
    assert not ChronologyEntry.objects.exists()


def test_clearing_an_end_date_turns_a_span_back_into_one_day(places, make_entry):
    entry = make_entry(ref="ws", date=datetime.date(2022, 11, 8), end_date=datetime.date(2022, 11, 11))
    apply_import(plan_import(Table(header=["ref", "end_date"], rows=[(2, ["ws", ""])])))
    entry.refresh_from_db()
    assert entry.end_date is None and entry.date_display == "8 November 2022"
