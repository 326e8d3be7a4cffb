"""The chronology in the admin: partial dates that refuse what cannot be, spreadsheet import and export."""

import csv
import datetime
import io
import re
import zipfile

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from chronology.forms import ImportConfirmForm, ImportUploadForm
from chronology.models import ChronologyEntry
from chronology.spreadsheets import Table
from tests.helpers import hostile_spreadsheets as hostile
from tests.helpers.images import image_upload
from tests.helpers.spreadsheets import HEADER, csv_upload, row, xlsx_upload

ADD_URL = "/admin/chronology/chronologyentry/add/"
IMPORT_URL = "/admin/chronology/chronologyentry/import/"
CHANGELIST_URL = "/admin/chronology/chronologyentry/"


def entry_form_data(category, **changes):
    data = {
        "title_en": "Workshop on seismic risk",
        "ref": "bg-2022-workshop",
        "date_year": "2022",
        "date_month": "11",
        "date_day": "8",
        "end_date_year": "",
        "end_date_month": "",
        "end_date_day": "",
        "category": category.pk,
        "is_published": "on",
        "force_reason": "Adding a published entry alone, in a test.",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["date", "end_date"])
def test_a_day_without_a_month_is_refused_on_the_field(publisher_client, make_category, field):
    data = entry_form_data(
        make_category(), **{f"{field}_year": "2022", f"{field}_month": "", f"{field}_day": "11"}
    )
    response = publisher_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field] == ["A day needs a month."]
    assert not ChronologyEntry.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["date", "end_date"])
def test_a_day_that_does_not_exist_is_refused_on_the_field(publisher_client, make_category, field):
    data = entry_form_data(
        make_category(), **{f"{field}_year": "2023", f"{field}_month": "2", f"{field}_day": "29"}
    )
    response = publisher_client.post(ADD_URL, data)
    assert response.context["adminform"].form.errors[field] == ["2023-2-29 is not a day that exists."]
    assert not ChronologyEntry.objects.exists()


@pytest.mark.django_db
def test_an_end_before_the_start_is_refused_on_the_end_date(publisher_client, make_category):
    data = entry_form_data(make_category(), end_date_year="2022", end_date_month="11", end_date_day="7")
    response = publisher_client.post(ADD_URL, data)
    assert response.context["adminform"].form.errors["end_date"] == ["The end cannot come before the start."]
    html = response.content.decode()
    # What the editor typed is still there.
    assert 'value="Workshop on seismic risk"' in html and 'name="end_date_day" value="7"' in html


@pytest.mark.django_db
def test_a_span_is_stored_with_the_precision_of_each_end(publisher_client, make_category):
    data = entry_form_data(make_category(), end_date_year="2022", end_date_month="11", end_date_day="11")
    assert publisher_client.post(ADD_URL, data).status_code == 302
    entry = ChronologyEntry.objects.get()
    assert (entry.date.isoformat(), entry.date_precision) == ("2022-11-08", "day")
    assert (entry.end_date.isoformat(), entry.end_date_precision) == ("2022-11-11", "day")
    assert entry.date_display == "8–11 November 2022"


def preview(client, upload):
    return client.post(IMPORT_URL, {"file": upload})


def confirm(client, response):
    payload = response.context["payload"]
    assert payload, "the preview offered no confirmation"
    return client.post(IMPORT_URL, {"payload": payload})


def first_rows():
    return [
        row(
            ref="si-2019-kono-visit",
            date="2019-08-14",
            title_en="Foreign Minister Kono visits Slovenia",
            title_ja="河野外務大臣がスロベニアを訪問",
            category="visit",
            countries="slovenia",
        ),
        row(
            ref="ro-2023-strategic-partnership",
            date="2023-03",
            title_en="Strategic Partnership",
            category="agreement",
            countries="romania",
        ),
        row(
            ref="bg-2022-seismic-workshop",
            date="2022-11-08",
            end_date="2022-11-11",
            title_en="Workshop on Seismic Risk Challenges in Veliko Tarnovo",
            category="science-technology",
            countries="bulgaria, slovenia",
            related_news="seismic-risk-workshop-veliko-tarnovo-2022",
            source_name_en="Japan–Balkan Network",
            source_url="https://example.org/workshop",
            is_highlight="yes",
        ),
        row(ref="gr-1899-treaty", date="1899", circa="yes", title_en="Treaty of amity", category="agreement"),
    ]


@pytest.mark.django_db
def test_a_valid_file_creates_entries_and_imported_again_updates_them_without_duplicates(
    publisher_client, places
):
    response = preview(publisher_client, csv_upload(first_rows()))
    plan = response.context["plan"]
    assert response.status_code == 200 and plan.errors == []
    assert [planned.ref for planned in plan.creates] == [
        "si-2019-kono-visit",
        "ro-2023-strategic-partnership",
        "bg-2022-seismic-workshop",
        "gr-1899-treaty",
    ]
    assert not ChronologyEntry.objects.exists(), "a preview writes nothing"

    response = confirm(publisher_client, response)
    assert response.status_code == 302 and response.url == CHANGELIST_URL
    entries = {entry.ref: entry for entry in ChronologyEntry.objects.all()}
    assert len(entries) == 4
    partnership = entries["ro-2023-strategic-partnership"]
    assert (partnership.date.isoformat(), partnership.date_precision) == ("2023-03-01", "month")
    workshop = entries["bg-2022-seismic-workshop"]
    assert workshop.end_date.isoformat() == "2022-11-11" and workshop.is_highlight
    assert sorted(country.slug for country in workshop.countries.all()) == ["bulgaria", "slovenia"]
    assert [item.slug for item in workshop.related_news.all()] == [
        "seismic-risk-workshop-veliko-tarnovo-2022"
    ]
    treaty = entries["gr-1899-treaty"]
    assert treaty.circa and treaty.date_precision == "year" and treaty.date_display == "c. 1899"
    assert entries["si-2019-kono-visit"].title_ja == "河野外務大臣がスロベニアを訪問"
    assert workshop.history.first().history_change_reason == "Imported from chronology.csv"

    rows = first_rows()
    rows[1] = row(
        ref="ro-2023-strategic-partnership",
        date="2023-03",
        title_en="Japan and Romania sign a Strategic Partnership",
        category="agreement",
        countries="romania",
    )
    response = preview(publisher_client, csv_upload(rows))
    plan = response.context["plan"]
    assert plan.creates == []
    assert [(planned.ref, planned.changed) for planned in plan.updates] == [
        ("ro-2023-strategic-partnership", ["title_en"])
    ]
    assert len(plan.unchanged) == 3
    confirm(publisher_client, response)

    assert ChronologyEntry.objects.count() == 4
    partnership.refresh_from_db()
    assert partnership.title_en == "Japan and Romania sign a Strategic Partnership"


@pytest.mark.django_db
def test_a_file_with_three_bad_rows_writes_nothing_and_reports_each_by_row_and_column(
    publisher_client, places
):
    rows = [
        row(ref="good-one", date="2019", title_en="A good row"),
        row(ref="bad-date", date="2023-02-30", title_en="A day that never was"),
        row(ref="bad-country", date="2019", title_en="Somewhere", countries="slovenia, atlantis"),
        row(ref="no-title", date="2020", title_en=""),
        row(ref="good-two", date="2021", title_en="Another good row"),
    ]
    response = preview(publisher_client, csv_upload(rows))

    assert response.status_code == 200
    errors = [(error.row, error.column, error.message) for error in response.context["plan"].errors]
    assert errors == [
        (3, "date", "2023-2-30 is not a day that exists."),
        (
            4,
            "countries",
            "Unknown country: atlantis. Use the slugs of the country pages, e.g. north-macedonia.",
        ),
        (5, "title_en", "This field is required."),
    ]
    html = response.content.decode()
    shown = re.findall(r'<tr class="import-error"><td>(\d+)</td><td>(\w+)</td>', html)
    assert shown == [("3", "date"), ("4", "countries"), ("5", "title_en")]
    assert "The file has 3 problems. Nothing has been imported" in html
    assert 'name="payload"' not in html and response.context["payload"] == ""
    assert not ChronologyEntry.objects.exists()

    # Even a confirmation forged for this very file writes nothing.
    table = Table(header=HEADER, rows=[(number, cells) for number, cells in enumerate(rows, start=2)])
    response = publisher_client.post(IMPORT_URL, {"payload": ImportConfirmForm.sign(table, "forged.csv")})
    assert response.status_code == 200 and len(response.context["plan"].errors) == 3
    assert not ChronologyEntry.objects.exists()


JAPANESE_ROWS = [
    row(
        ref="si-1999-cherry-trees",
        date="1999",
        title_en="300 Japanese cherry trees for the University of Ljubljana",
        title_ja="リュブリャナ大学に日本の桜300本",
        description_ja="<p>清子内親王のスロベニアご訪問の際に植樹されました。</p>",
        category="visit",
        countries="slovenia",
        source_name_ja="スロベニア外務省",
    ),
    row(
        ref="bg-2022-seismic-workshop",
        date="2022-11-08",
        end_date="2022-11-11",
        title_en="Seismic risk workshop",
        title_ja="地震リスクに関するワークショップ（ヴェリコ・タルノヴォ）",
        category="science-technology",
        countries="bulgaria",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "upload",
    [
        lambda: xlsx_upload(JAPANESE_ROWS),
        lambda: csv_upload(JAPANESE_ROWS, bom=True),
        lambda: csv_upload(JAPANESE_ROWS, bom=False),
    ],
    ids=["xlsx", "csv-with-bom", "csv-without-bom"],
)
def test_xlsx_and_utf8_csv_with_japanese_text_import(publisher_client, places, upload):
    response = preview(publisher_client, upload())
    assert response.context["plan"].errors == []
    assert "300 Japanese cherry trees for the University of Ljubljana" in response.content.decode()
    confirm(publisher_client, response)

    cherry = ChronologyEntry.objects.get(ref="si-1999-cherry-trees")
    assert cherry.title_ja == "リュブリャナ大学に日本の桜300本"
    assert cherry.source_name_ja == "スロベニア外務省"
    assert cherry.description_ja == "<p>清子内親王のスロベニアご訪問の際に植樹されました。</p>"
    japanese = publisher_client.get("/ja/chronology/").content.decode()
    assert "リュブリャナ大学に日本の桜300本" in japanese and ">1999年<" in japanese
    assert ">2022年11月8日～11日<" in japanese


@pytest.mark.django_db
@pytest.mark.parametrize("file_type", ["csv", "xlsx"])
def test_export_then_import_gives_the_same_rows(
    publisher_client, places, make_entry, make_category, file_type
):
    make_entry(
        ref="gr-1899-treaty",
        title_en="Treaty",
        title_ja="条約",
        date=datetime.date(1899, 1, 1),
        date_precision="year",
        circa=True,
        category=make_category("agreement"),
        source_name_en="Ministry of Foreign Affairs of Japan",
        source_name_ja="外務省",
    )
    make_entry(
        ref="ro-2023-strategic-partnership",
        title_en='=Strategic Partnership, "signed"',
        date=datetime.date(2023, 3, 1),
        date_precision="month",
        countries=[places["romania"]],
        description_en='<p>Signed in <a href="https://example.org/">Tokyo</a>.\nA second line.</p>',
    )
    make_entry(
        ref="bg-2022-seismic-workshop",
        title_en="Workshop",
        date=datetime.date(2022, 11, 8),
        end_date=datetime.date(2022, 11, 11),
        category=make_category("science-technology"),
        countries=[places["bulgaria"], places["slovenia"]],
        related_news=[places["news"]],
        source_url="https://example.org/workshop",
        is_highlight=True,
        is_published=False,
    )
    exported = publisher_client.get(f"/admin/chronology/chronologyentry/export/{file_type}/")
    assert exported.status_code == 200
    assert exported["Content-Disposition"].endswith(f'.{file_type}"')

    def as_upload(content):
        return SimpleUploadedFile(f"export.{file_type}", content)

    plan = preview(publisher_client, as_upload(exported.content)).context["plan"]
    assert plan.errors == [] and plan.creates == [] and plan.updates == []
    assert len(plan.unchanged) == 3

    ChronologyEntry.objects.all().delete()
    response = preview(publisher_client, as_upload(exported.content))
    assert len(response.context["plan"].creates) == 3
    confirm(publisher_client, response)
    again = publisher_client.get(f"/admin/chronology/chronologyentry/export/{file_type}/")
    assert rows_of(file_type, again.content) == rows_of(file_type, exported.content)
    assert len(rows_of(file_type, exported.content)) == 4


def rows_of(file_type, content):
    if file_type == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    return [[cell.value or "" for cell in line] for line in sheet.iter_rows()]


@pytest.mark.django_db
def test_export_follows_the_filters_and_search_of_the_change_list(
    publisher_client, make_entry, make_category
):
    visit = make_category("visit")
    make_entry(ref="a-visit", title_en="Kono visits Ljubljana", category=visit)
    make_entry(ref="an-agreement", title_en="Partnership visits nobody", category=make_category("agreement"))
    make_entry(ref="another-visit", title_en="Cerar visits Tokyo", category=visit)
    make_entry(ref="a-quiet-visit", title_en="A courtesy call", category=visit)
    changelist = publisher_client.get(
        f"{CHANGELIST_URL}?category__id__exact={visit.pk}&q=visits"
    ).content.decode()
    link = re.search(r'href="(/admin/chronology/chronologyentry/export/csv/[^"]*)"', changelist).group(1)
    content = publisher_client.get(link.replace("&amp;", "&")).content
    refs = [line[0] for line in rows_of("csv", content)[1:]]
    assert sorted(refs) == ["a-visit", "another-visit"]
    filtered = publisher_client.get("/admin/chronology/chronologyentry/export/xlsx/?q=Partnership").content
    assert [line[0] for line in rows_of("xlsx", filtered)[1:]] == ["an-agreement"]


@pytest.mark.django_db
def test_export_with_malformed_filters_is_a_bad_request(publisher_client):
    response = publisher_client.get("/admin/chronology/chronologyentry/export/csv/?date__gte=not-a-date")
    assert response.status_code == 400


@pytest.mark.django_db
def test_unknown_export_type_is_404(publisher_client):
    assert publisher_client.get("/admin/chronology/chronologyentry/export/pdf/").status_code == 404


@pytest.mark.django_db
def test_a_file_that_is_no_spreadsheet_is_refused_on_the_file_field(publisher_client, places):
    for upload in (image_upload("chronology.csv", "PNG"), image_upload("chronology.xlsx", "JPEG")):
        response = preview(publisher_client, upload)
        assert response.status_code == 200
        assert response.context["plan"] is None
        assert "neither an XLSX workbook nor UTF-8 text" in response.context["form"].errors["file"][0]
    fake_zip = io.BytesIO()
    with zipfile.ZipFile(fake_zip, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    response = preview(publisher_client, SimpleUploadedFile("book.xlsx", fake_zip.getvalue()))
    assert response.context["form"].errors["file"] == ["The file is not a readable XLSX workbook."]


@pytest.mark.django_db
def test_a_tampered_confirmation_writes_nothing(publisher_client, places):
    response = preview(publisher_client, csv_upload(first_rows()))
    payload = response.context["payload"]
    response = publisher_client.post(IMPORT_URL, {"payload": payload[:-3] + "abc"}, follow=True)
    assert "The preview could not be read. Upload the file again." in response.content.decode()
    assert not ChronologyEntry.objects.exists()


@pytest.mark.django_db
def test_only_editors_who_may_add_and_change_entries_may_import(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="a long secret phrase", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_chronologyentry"))
    client.force_login(user)
    assert client.get(IMPORT_URL).status_code == 403
    assert client.post(IMPORT_URL, {"file": csv_upload([])}).status_code == 403
    assert client.get("/admin/chronology/chronologyentry/export/csv/").status_code == 200
    changelist = client.get(CHANGELIST_URL).content.decode()
    assert "Import from a spreadsheet" not in changelist and "Export CSV" in changelist


@pytest.mark.django_db
def test_staff_without_chronology_permissions_cannot_export(client, django_user_model):
    user = django_user_model.objects.create_user("outsider", password="a long secret phrase", is_staff=True)
    client.force_login(user)
    assert client.get("/admin/chronology/chronologyentry/export/csv/").status_code == 403


@pytest.mark.django_db
def test_the_change_list_links_to_import_and_export(publisher_client):
    html = publisher_client.get(CHANGELIST_URL).content.decode()
    assert f'href="{reverse("admin:chronology_chronologyentry_import")}"' in html
    assert "/admin/chronology/chronologyentry/export/xlsx/" in html


@pytest.mark.django_db
def test_a_file_too_large_to_confirm_in_one_request_is_refused_on_the_file_field(
    publisher_client, places, settings
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 6000
    rows = [
        row(ref=f"entry-{number}", date="2019", title_en=f"Entry number {number} " * 5)
        for number in range(200)
    ]
    response = preview(publisher_client, csv_upload(rows))
    assert response.context["form"].errors["file"] == [
        "This file holds too much to import at once. Split it into smaller files."
    ]
    assert response.context["plan"] is None and response.context["payload"] == ""


@pytest.mark.django_db
def test_a_file_over_the_upload_limit_is_refused_on_the_file_field(publisher_client, monkeypatch):
    monkeypatch.setattr(ImportUploadForm, "max_size", 100)
    response = preview(publisher_client, csv_upload([row(ref="a", date="1899", title_en="x" * 200)]))
    assert response.context["form"].errors["file"] == ["The file is larger than 5 MB."]


@pytest.mark.django_db
def test_csv_export_escapes_full_width_formula_starters(publisher_client, make_entry):
    make_entry(
        ref="full-width",
        title_en='＝HYPERLINK("https://example.org")',
        title_ja="＋81 3",
        source_name_en="＠home",
    )
    content = publisher_client.get("/admin/chronology/chronologyentry/export/csv/").content
    header, line = rows_of("csv", content)
    cells = dict(zip(header, line, strict=True))
    assert cells["title_en"] == '\'＝HYPERLINK("https://example.org")'
    assert cells["title_ja"] == "'＋81 3" and cells["source_name_en"] == "'＠home"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(hostile.HOSTILE))
def test_a_hostile_spreadsheet_is_a_form_error_beside_the_file_field(publisher_client, places, name):
    response = preview(publisher_client, SimpleUploadedFile(name, hostile.HOSTILE[name]()))
    assert response.status_code == 200
    assert response.context["plan"] is None
    [error] = response.context["form"].errors["file"]
    assert error.startswith(hostile.REFUSALS[name])
    assert error in response.content.decode().replace("&#x27;", "'")
    assert not ChronologyEntry.objects.exists()


@pytest.mark.django_db
def test_an_editor_edits_entries_but_only_a_publisher_imports(editor_client, places):
    """The Editors group as the roles give it (not a superuser): importing may publish, so it is refused."""
    assert editor_client.get(CHANGELIST_URL).status_code == 200
    assert editor_client.get(IMPORT_URL).status_code == 403
    assert editor_client.post(IMPORT_URL, {"file": csv_upload(first_rows())}).status_code == 403
    assert "Import from a spreadsheet" not in editor_client.get(CHANGELIST_URL).content.decode()
    assert not ChronologyEntry.objects.exists()
