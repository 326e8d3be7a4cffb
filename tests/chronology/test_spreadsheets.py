"""Reading and writing spreadsheets as rows of text."""

import csv
import datetime
import io
import os
import subprocess
import sys
import zipfile

import openpyxl
import pytest
from django.conf import settings

from chronology.spreadsheets import SpreadsheetError, read_table, write_csv, write_xlsx
from tests.helpers import hostile_spreadsheets as hostile
from tests.helpers.hostile_spreadsheets import workbook_bytes


def test_csv_with_and_without_bom_reads_the_same():
    text = "ref,title_ja\nsi-1999,桜の木\n"
    assert read_table(text.encode("utf-8")) == read_table(text.encode("utf-8-sig"))
    assert read_table(text.encode("utf-8-sig")).header == ["ref", "title_ja"]


def test_csv_rows_keep_the_numbers_a_spreadsheet_shows_even_with_blank_lines_and_multiline_cells():
    text = 'ref,description_en\n\na,"two\nlines"\n,\nb,x\n'
    table = read_table(text.encode())
    assert table.rows == [(3, ["a", "two\nlines"]), (5, ["b", "x"])]


def test_csv_saved_with_semicolons_is_read():
    assert read_table(b"ref;date\nx;1899\n").rows == [(2, ["x", "1899"])]


def test_text_in_another_encoding_is_refused_with_advice():
    with pytest.raises(SpreadsheetError, match="CSV UTF-8"):
        read_table("ref,title\nx,日本\n".encode("shift_jis"))


def test_an_empty_file_is_refused():
    with pytest.raises(SpreadsheetError, match="empty"):
        read_table(b"\n\n")


def test_xlsx_dates_keep_only_the_precision_the_cell_shows():
    def fill(sheet):
        sheet.append(["ref", "date", "is_highlight"])
        sheet.append(["a", datetime.datetime(2023, 3, 1), True])
        sheet["B2"].number_format = "mmm-yy"
        sheet.append(["b", datetime.datetime(2022, 11, 8), False])
        sheet["B3"].number_format = "yyyy/m/d"
        sheet.append(["c", 1899, None])
        sheet.append(["d", datetime.datetime(1921, 1, 1), None])
        sheet["B5"].number_format = "yyyy"

    table = read_table(workbook_bytes(fill))
    assert table.rows == [
        (2, ["a", "2023-03", "yes"]),
        (3, ["b", "2022-11-08", "no"]),
        (4, ["c", "1899", ""]),
        (5, ["d", "1921", ""]),
    ]


def test_a_zip_that_is_not_a_workbook_is_refused():
    with pytest.raises(SpreadsheetError, match="XLSX"):
        read_table(b"PK\x03\x04 not really a zip")


def test_csv_export_guards_against_formulas_and_reads_back_exactly():
    rows = [['=HYPERLINK("x")', "+1", "-", "@sum", "plain", "'quoted"]]
    content = write_csv(["a", "b", "c", "d", "e", "f"], rows)
    assert content.startswith(b"\xef\xbb\xbf")
    assert "'=HYPERLINK" in content.decode("utf-8-sig")
    assert read_table(content).rows == [(2, rows[0])]


def test_xlsx_export_stores_every_cell_as_text():
    content = write_xlsx(["ref", "date", "title"], [["a", "2023-03", "=1+1"]], title="chronology entries")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    assert [cell.data_type for cell in sheet[2]] == ["s", "s", "s"]
    assert sheet["C2"].value == "=1+1" and sheet.title == "chronology entries"
    assert read_table(content).rows == [(2, ["a", "2023-03", "=1+1"])]


def test_a_workbook_with_xml_entities_is_refused_not_expanded():
    plain = workbook_bytes(lambda sheet: sheet.append(["ref", "title_en"]))
    bomb = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain)) as source, zipfile.ZipFile(bomb, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = b'<!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;">]>' + data
            target.writestr(item, data)
    with pytest.raises(SpreadsheetError, match="not a readable XLSX"):
        read_table(bomb.getvalue())


@pytest.mark.parametrize(
    "cell", ['＝HYPERLINK("x")', "＋1", "－1", "＠SUM(A1)", "\tx", "\rx", "=1", "+1", "-1", "@A"]
)
def test_csv_export_escapes_every_formula_starter_full_width_included_and_reads_back(cell):
    """Japanese Excel runs ＝ ＋ － ＠ (typed with the IME on) as formulas, like = + - @ tab and CR."""
    content = write_csv(["a", "b"], [[cell, "日本＝x"]])
    written = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    assert written == [["a", "b"], ["'" + cell, "日本＝x"]]
    assert read_table(content).rows == [(2, [cell, "日本＝x"])]


# Hostile files: each refused with a message that says what is wrong, never read into memory whole.


@pytest.mark.parametrize("name", sorted(hostile.REFUSALS))
def test_a_hostile_file_is_refused_with_a_message(name):
    with pytest.raises(SpreadsheetError) as refusal:
        read_table(hostile.HOSTILE[name]())
    assert str(refusal.value).startswith(hostile.REFUSALS[name])


def test_a_far_cell_within_the_columns_but_beyond_the_rows_is_refused():
    def fill(sheet):
        sheet.append(["ref", "title_en"])
        sheet["B20000"] = "far down"

    with pytest.raises(SpreadsheetError, match="cell B20000"):
        read_table(workbook_bytes(fill))


def test_a_csv_with_too_many_rows_is_refused_and_blank_columns_beyond_the_cap_are_ignored():
    with pytest.raises(SpreadsheetError, match="more than 10,000 rows"):
        read_table(b"ref\n" + b"x\n" * 10_001)
    table = read_table(b"ref,title_en" + b"," * 500 + b"\nx,y\n")
    assert len(table.header) == 100
    assert table.rows == [(2, ["x", "y"])]


def test_a_workbook_that_declares_a_huge_dimension_but_holds_little_is_read():
    """<dimension ref="A1:XFD1048576"> is only a claim: the cells that are there are what counts."""
    data = hostile._rewrite(
        workbook_bytes(lambda sheet: (sheet.append(["ref"]), sheet.append(["si-1"]))),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace('<dimension ref="A1:A2" />', '<dimension ref="A1:XFD1048576" />'),
    )
    assert read_table(data).rows == [(2, ["si-1"])]


@pytest.mark.parametrize("name", sorted(hostile.REFUSALS))
def test_reading_a_hostile_file_stays_under_300_mb_of_memory(name, tmp_path):
    """Each file read in a process of its own, as a worker would: its peak resident memory is measured.

    For scale: Django and the site loaded come to about 60 MB; openpyxl reading the far-cell
    workbook as it did before (every cell built) grew to 3.5 GB.
    """
    path = tmp_path / name
    path.write_bytes(hostile.HOSTILE[name]())
    script = (
        "import os, re, sys, django\n"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'balkan.settings'\n"
        "django.setup()\n"
        "from chronology.spreadsheets import SpreadsheetError, read_table\n"
        "try:\n"
        "    read_table(open(sys.argv[1], 'rb').read())\n"
        "    print('read')\n"
        "except SpreadsheetError:\n"
        "    print('refused')\n"
        # VmHWM: this process's peak resident memory since exec (ru_maxrss would include the parent's).
        "print(int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1]) // 1024)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=settings.BASE_DIR,
        env={**os.environ, "PYTHONPATH": str(settings.BASE_DIR)},
    )
    assert done.returncode == 0, done.stderr
    outcome, peak_mb = done.stdout.split()
    assert outcome == "refused"
    assert int(peak_mb) < 300
