"""Read and write spreadsheets as rows of text: CSV (UTF-8, with or without BOM) and XLSX.

Nothing here knows about the chronology; importers.py gives the text meaning.
A file is recognised by its content, not its name: an XLSX workbook is a zip
archive, anything else must be UTF-8 text.

An uploaded file is hostile until read: a workbook is checked from its zip
directory (how many parts, how large unpacked) before any XML is parsed, then
streamed row by row in openpyxl's read-only mode, so a cell placed at XFD1048576
or a zip bomb costs a form error, not a worker's memory. Every way a file can
fail to read ends in SpreadsheetError with a message an editor can act on.
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
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

XLSX_SIGNATURE = b"PK\x03\x04"
CSV_DELIMITERS = ",;\t"
# Spreadsheet programs run a cell that starts with one of these as a formula;
# Japanese Excel also reads the full-width forms (typed with the IME on) as formulas.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# What an import can hold: far more than a chronology needs (a few hundred rows,
# about twenty columns), far less than what hurts a worker.
MAX_ROWS = 10_000
MAX_COLUMNS = 100
# A workbook is unpacked part by part; these bound what its zip directory may promise.
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_PARTS = 1_000


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


def _too_large(row, column):
    where = f"{get_column_letter(min(column, 16384))}{row}"
    return SpreadsheetError(
        _(
            "The sheet has data in cell %(cell)s, beyond what an import can hold "
            "(%(rows)s rows and %(columns)s columns). Remove what lies beyond and upload it again."
        )
        % {"cell": where, "rows": f"{MAX_ROWS:,}", "columns": MAX_COLUMNS}
    )


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
        dialect = csv.Sniffer().sniff(first_line[:10_000], delimiters=CSV_DELIMITERS)
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    lines = []
    try:
        for number, row in enumerate(reader, 1):
            if len(row) > MAX_COLUMNS and any(cell.strip() for cell in row[MAX_COLUMNS:]):
                raise SpreadsheetError(
                    _("Line %(line)s has %(count)s columns; an import can hold at most %(columns)s.")
                    % {"line": number, "count": f"{len(row):,}", "columns": MAX_COLUMNS}
                )
            if number > MAX_ROWS + 1 and any(cell.strip() for cell in row):
                raise SpreadsheetError(
                    _("The file has more than %(rows)s rows; an import can hold at most that many.")
                    % {"rows": f"{MAX_ROWS:,}"}
                )
            lines.append((number, [_unescape(cell.strip()) for cell in row[:MAX_COLUMNS]]))
    except csv.Error as error:
        raise SpreadsheetError(_("The CSV file cannot be read: %(error)s") % {"error": error}) from None
    return lines


def _check_zip(data):
    """Refuse a workbook whose zip directory promises too much, before anything is unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise SpreadsheetError(_("The file is not a readable XLSX workbook.")) from None
    unpacked = sum(part.file_size for part in parts)
    if len(parts) > MAX_PARTS or unpacked > MAX_UNPACKED_BYTES:
        raise SpreadsheetError(
            _("The workbook would unpack to more than %(size)s MB; an import this large cannot be read.")
            % {"size": MAX_UNPACKED_BYTES // (1024 * 1024)}
        )


def _xlsx_lines(data):
    _check_zip(data)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (
        InvalidFileException,
        zipfile.BadZipFile,
        KeyError,
        OSError,
        ValueError,
        TypeError,
        IndexError,
        SyntaxError,
        AttributeError,
    ):
        # SyntaxError covers XML that does not parse (ElementTree's ParseError and defusedxml's refusals).
        raise SpreadsheetError(_("The file is not a readable XLSX workbook.")) from None
    try:
        if not workbook.worksheets:
            raise SpreadsheetError(_("The workbook has no sheets."))
        lines = list(_sheet_lines(workbook, workbook.worksheets[0]))
        # A sheet is a rectangle: every row as wide as the widest, as Excel shows it.
        width = max((len(texts) for _number, texts in lines), default=0)
        return [(number, texts + [""] * (width - len(texts))) for number, texts in lines]
    except (IndexError, KeyError):
        raise SpreadsheetError(
            _(
                "The workbook is damaged: a cell refers to text or a format that is not in it. "
                "Open it in Excel, save it again and upload it again."
            )
        ) from None
    except (zipfile.BadZipFile, OSError, ValueError, TypeError, SyntaxError, EOFError):
        raise SpreadsheetError(_("The file is not a readable XLSX workbook.")) from None
    finally:
        workbook.close()


def _sheet_lines(workbook, sheet):
    """Yield (row number, texts) of `sheet`, streaming, refusing data beyond MAX_ROWS × MAX_COLUMNS."""
    styles = len(workbook._cell_styles)
    # The <dimension> a file declares may lie: ignore it, and read only the cells that are there.
    sheet.reset_dimensions()
    for number, row in enumerate(sheet.iter_rows(), 1):
        if not row:
            continue
        texts = []
        for cell in row:
            if getattr(cell, "value", None) is None:
                texts.append("")
                continue
            if cell._style_id >= styles:
                raise IndexError(cell._style_id)
            if cell.column > MAX_COLUMNS or number > MAX_ROWS + 1:
                raise _too_large(number, cell.column)
            texts.append(_xlsx_text(cell))
        yield number, texts[:MAX_COLUMNS]


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
