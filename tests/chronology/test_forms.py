"""The chronology's forms: the timeline's filters, the uploaded spreadsheet, and the signed preview confirmed."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict

from chronology.forms import ChronologyFilterForm, ImportConfirmForm, ImportUploadForm
from chronology.spreadsheets import Table
from tests.helpers.spreadsheets import HEADER, csv_upload, row, xlsx_upload

pytestmark = pytest.mark.django_db


def filters(query):
    return ChronologyFilterForm(QueryDict(query))


def test_several_countries_a_category_and_years_filter_together(make_country, make_category):
    slovenia, serbia = (
        make_country(name="Slovenia", iso_code="SI"),
        make_country(name="Serbia", iso_code="RS"),
    )
    visit = make_category("visit")
    form = filters("country=slovenia&country=serbia&category=visit&from=1990&to=2000")
    assert form.validated() == {"country": [serbia, slovenia], "category": visit, "from": 1990, "to": 2000}


def test_no_country_chosen_is_no_filter():
    assert filters("country=&category=").validated() == {}


def test_the_last_year_before_the_first_is_an_error_on_the_last():
    form = filters("from=2000&to=1990")
    assert not form.is_valid()
    assert list(form.errors) == ["to"]


@pytest.mark.parametrize("query", ["country=atlantis", "category=war", "from=0", "to=10000", "from=nineteen"])
def test_a_value_that_names_nothing_is_an_error(make_country, make_category, query):
    make_country(name="Slovenia", iso_code="SI")
    make_category("visit")
    assert not filters(query).is_valid()


def test_an_unpublished_country_is_no_filter_value(make_country):
    make_country(name="Japan", iso_code="JP", is_published=False)
    assert "country" in filters("country=japan").errors


@pytest.mark.parametrize("upload", [csv_upload, xlsx_upload])
def test_an_uploaded_spreadsheet_cleans_to_its_table(upload):
    form = ImportUploadForm(files={"file": upload([row(ref="relations", title="Relations established")])})
    assert form.is_valid(), form.errors
    table = form.cleaned_data["file"]
    assert table.header == HEADER
    assert [number for number, _cells in table.rows] == [2]
    assert form.file_name.startswith("chronology.")


def test_a_file_that_is_no_spreadsheet_or_too_large_is_refused_with_its_reason(monkeypatch):
    empty = ImportUploadForm(files={"file": SimpleUploadedFile("empty.csv", b"\n\n")})
    assert empty.errors.as_data()["file"][0].code == "unreadable"
    monkeypatch.setattr(ImportUploadForm, "max_size", 10)
    large = ImportUploadForm(files={"file": csv_upload([row(ref="a")])})
    assert large.errors.as_data()["file"][0].code == "too_large"


def test_the_confirmed_rows_are_exactly_the_previewed_ones():
    table = Table(header=["ref", "title"], rows=[(2, ["a", "Alpha"]), (4, ["b", "Beta"])])
    form = ImportConfirmForm({"payload": ImportConfirmForm.sign(table, "mine.csv")})
    assert form.is_valid()
    assert form.cleaned_data["payload"] == table
    assert form.file_name == "mine.csv"


def test_a_tampered_preview_is_refused():
    signed = ImportConfirmForm.sign(Table(header=["ref"], rows=[(2, ["a"])]), "mine.csv")
    form = ImportConfirmForm({"payload": signed[:-2] + ("AA" if not signed.endswith("AA") else "BB")})
    assert form.errors.as_data()["payload"][0].code == "invalid"


def test_a_preview_older_than_an_hour_must_be_uploaded_again():
    with time_machine.travel("2030-01-20 09:00Z", tick=False) as clock:
        signed = ImportConfirmForm.sign(Table(header=["ref"], rows=[(2, ["a"])]), "mine.csv")
        clock.shift(datetime.timedelta(minutes=59))
        assert ImportConfirmForm({"payload": signed}).is_valid()
        clock.shift(datetime.timedelta(minutes=2))
        assert ImportConfirmForm({"payload": signed}).errors.as_data()["payload"][0].code == "expired"
