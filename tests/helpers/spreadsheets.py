"""Chronology spreadsheets made in memory."""

import csv
import io

import openpyxl
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
