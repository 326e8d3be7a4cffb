"""Spreadsheets made to hurt the importer, each as the bytes an attacker (or a broken program) would upload.

Used by test_spreadsheets.py (each is refused with a message), by test_admin.py (each
is a form error beside the file field) and by the peak-memory test, which reads them
in a child process. Run as a script, it writes them into the folder it is given.
"""

import io
import re
import sys
import zipfile
from pathlib import Path

import openpyxl


def workbook_bytes(fill):
    """Return the bytes of a new workbook whose first sheet `fill` fills."""
    workbook = openpyxl.Workbook()
    fill(workbook.active)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _rewrite(data, name, change):
    """Return the workbook `data` with its part `name` passed through `change` (text to text)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            content = source.read(part.filename)
            if part.filename == name:
                changed = change(content.decode()).encode()
                assert changed != content, f"nothing in {name} was changed"
                content = changed
            target.writestr(part.filename, content)
    return out.getvalue()


def _small(sheet):
    sheet.append(["ref", "title_en"])
    sheet.append(["si-1", "A visit"])


def far_cell():
    """4 KB: a header and one cell at XFD1048576, the last cell a sheet can have."""

    def fill(sheet):
        sheet.append(["ref", "title_en"])
        sheet["XFD1048576"] = "far away"

    return workbook_bytes(fill)


def zip_bomb(megabytes=200):
    """A valid workbook whose sheet unpacks to `megabytes` of blank XML: about 0.2 MB on the wire."""
    data = workbook_bytes(_small)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            content = source.read(part.filename)
            if part.filename != "xl/worksheets/sheet1.xml":
                target.writestr(part.filename, content)
                continue
            head, tail = content.split(b"</sheetData>")
            with target.open(part.filename, "w", force_zip64=True) as stream:
                stream.write(head)
                blank = b" " * (1024 * 1024)
                for _ in range(megabytes):
                    stream.write(blank)
                stream.write(b"</sheetData>" + tail)
    return out.getvalue()


def bad_shared_string():
    """A cell of type "s" that points at shared string 999, in a workbook that has none."""
    return _rewrite(
        workbook_bytes(_small),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            '<c r="A2" t="inlineStr"><is><t>si-1</t></is></c>', '<c r="A2" t="s"><v>999</v></c>'
        ),
    )


def bad_style():
    """A cell that uses style 99 where the workbook defines one."""
    return _rewrite(
        workbook_bytes(_small), "xl/worksheets/sheet1.xml", lambda xml: xml.replace('r="A2"', 'r="A2" s="99"')
    )


def no_sheets():
    """A workbook whose list of sheets is empty."""
    return _rewrite(
        workbook_bytes(_small),
        "xl/workbook.xml",
        lambda xml: re.sub(r"<sheets>.*</sheets>", "<sheets/>", xml),
    )


def wide_csv(columns=2_000_000):
    """A CSV header of two million columns: about 4 MB, under the upload limit."""
    return ",".join(["c"] * columns).encode() + b"\nx\n"


HOSTILE = {
    "far-cell.xlsx": far_cell,
    "zip-bomb.xlsx": zip_bomb,
    "bad-shared-string.xlsx": bad_shared_string,
    "bad-style.xlsx": bad_style,
    "no-sheets.xlsx": no_sheets,
    "wide.csv": wide_csv,
}


# How the importer refuses each: the start of the message the editor reads.
REFUSALS = {
    "far-cell.xlsx": "The sheet has data in cell XFD1048576, beyond what an import can hold (10,000 rows and 100 columns).",
    "zip-bomb.xlsx": "The workbook would unpack to more than 20 MB",
    "bad-shared-string.xlsx": "The workbook is damaged: a cell refers to text or a format that is not in it.",
    "bad-style.xlsx": "The workbook is damaged: a cell refers to text or a format that is not in it.",
    "no-sheets.xlsx": "The workbook has no sheets.",
    "wide.csv": "Line 1 has 2,000,000 columns; an import can hold at most 100.",
}


if __name__ == "__main__":
    folder = Path(sys.argv[1])
    for name, make in HOSTILE.items():
        (folder / name).write_bytes(make())
