"""Read and write spreadsheets as rows of text: CSV (UTF-8, with or without BOM) and XLSX.

Nothing here knows about the chronology; importers.py gives the text meaning.
A file is recognised by its content, not its name: an XLSX workbook is a zip
archive, anything else must be UTF-8 text.
"""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

XLSX_SIGNATURE = b"PK\x03\x04"
CSV_DELIMITERS = ",;\t"
# Spreadsheet programs run a cell that starts with one of these as a formula;
# Japanese Excel also reads the full-width forms (typed with the IME on) as formulas.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


class SpreadsheetError(Exception):
    """The file cannot be read as a spreadsheet at all."""


@dataclass
class Table:
    """A header and the data rows under it, each with its row number as the spreadsheet shows it."""

    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


def read_table(data):
    """Return the Table in `data` (bytes of a CSV or XLSX file), skipping empty rows."""
    if data.startswith(XLSX_SIGNATURE):
        lines = _xlsx_lines(data)
    else:
        lines = _csv_lines(data)
    numbered = [(number, cells) for number, cells in lines if any(cells)]
    if not numbered:
        raise SpreadsheetError(_("The file is empty."))
    (_number, header), *rows = numbered
    return Table(header=header, rows=rows)


def _csv_lines(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SpreadsheetError(
            _(
                "The file is neither an XLSX workbook nor UTF-8 text. In Excel, save it as "
                "“CSV UTF-8” or as an Excel workbook."
            )
        ) from None
    if "\x00" in text:
        raise SpreadsheetError(_("The file is not a CSV or XLSX spreadsheet."))
    first_line = text.split("\n", 1)[0]
    try:
        dialect = csv.Sniffer().sniff(first_line, delimiters=CSV_DELIMITERS)
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [(number, [_unescape(cell.strip()) for cell in row]) for number, row in enumerate(reader, 1)]
    except csv.Error as error:
        raise SpreadsheetError(_("The CSV file cannot be read: %(error)s") % {"error": error}) from None


def _xlsx_lines(data):
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise SpreadsheetError(_("The file is not a readable XLSX workbook.")) from None
    sheet = workbook.worksheets[0]
    return [(row[0].row, [_xlsx_text(cell) for cell in row]) for row in sheet.iter_rows()]


def _xlsx_text(cell):
    """Return a cell as the text the editor sees, keeping a date only as precise as it is shown."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.datetime | datetime.date):
        # A date typed as "2023-03" is stored as 1 March 2023 and shown with a
        # format without days ("mmm-yy"): keep the month only.
        shown = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", (cell.number_format or "").lower())
        if "d" in shown:
            return f"{value:%Y-%m-%d}"
        if "m" in shown:
            return f"{value:%Y-%m}"
        return f"{value:%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _escape(text):
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _unescape(text):
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def write_csv(header, rows):
    """Return UTF-8 CSV bytes with a BOM, so that Excel shows Japanese text correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([_escape(cell) for cell in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def write_xlsx(header, rows, title):
    """Return XLSX bytes with every cell stored as text, so no value turns into a number or formula."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    for line in [header, *rows]:
        # XLSX cannot hold control characters; they carry no meaning in a chronology.
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", cell) for cell in line])
    for row in sheet.iter_rows():
        for cell in row:
            cell.data_type = "s"
            cell.number_format = "@"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
