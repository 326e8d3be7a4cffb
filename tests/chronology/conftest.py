"""Fixtures for the chronology tests: an editor in the admin and spreadsheets made in memory."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

HEADER = [
    "ref",
    "date",
    "end_date",
    "circa",
    "title_en",
    "title_ja",
    "description_en",
    "description_ja",
    "category",
    "countries",
    "related_news",
    "source_name_en",
    "source_name_ja",
    "source_url",
    "is_highlight",
    "is_published",
]


def row(**values):
    """Return a full spreadsheet row with the given cells and sensible defaults."""
    cells = {name: "" for name in HEADER}
    cells.update({"is_published": "yes", "category": "visit"})
    cells.update(values)
    return [cells[name] for name in HEADER]


def csv_upload(rows, header=HEADER, name="chronology.csv", bom=False, delimiter=","):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8-sig" if bom else "utf-8"), "text/csv")


def xlsx_bytes(rows, header=HEADER):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for line in rows:
        sheet.append(line)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_upload(rows, header=HEADER, name="chronology.xlsx"):
    return SimpleUploadedFile(
        name,
        xlsx_bytes(rows, header),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "a long secret phrase")
    client.force_login(user)
    return client


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
