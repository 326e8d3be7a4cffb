"""An editor imports chronology rows from a spreadsheet in the admin: preview first, then confirm."""

import pytest

from chronology.models import Category, ChronologyEntry
from tests.helpers.browser import watch_csp
from tests.helpers.spreadsheets import csv_upload, row, xlsx_bytes


@pytest.mark.django_db(transaction=True)
def test_editor_previews_an_xlsx_file_then_confirms_the_import(live_server, admin_login, places, tmp_path):
    ChronologyEntry.objects.create(
        ref="si-1999-cherry-trees",
        title_en="Cherry trees",
        date="1999-01-01",
        date_precision="year",
        category=Category.objects.get(key="visit"),
    )
    path = tmp_path / "chronology.xlsx"
    path.write_bytes(
        xlsx_bytes(
            [
                row(
                    ref="si-2019-kono-visit",
                    date="2019-08-14",
                    title_en="Kono visits Slovenia",
                    title_ja="河野外務大臣がスロベニアを訪問",
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
                    ref="si-1999-cherry-trees",
                    date="1999",
                    title_en="300 cherry trees for Ljubljana",
                    countries="slovenia",
                ),
            ]
        )
    )
    page = admin_login()
    violations = watch_csp(page)
    page.goto(f"{live_server.url}/admin/chronology/chronologyentry/")
    page.click("text=Import from a spreadsheet")
    page.set_input_files("#id_file", str(path))
    page.click("input[type=submit][value=Preview]")

    assert page.locator(".import-summary").first.inner_text() == "2 new, 1 to update, 0 unchanged."
    # The preview is styled by the admin stylesheet, under the admin's policy, with nothing refused.
    assert violations() == []
    confirm = page.locator(".import-confirm")
    assert confirm.evaluate("element => getComputedStyle(element).paddingTop") == "16px"
    assert page.locator(".import-summary").evaluate("element => getComputedStyle(element).fontSize") == "16px"
    creates = page.locator(".import-creates tbody tr")
    assert creates.count() == 2
    assert creates.nth(0).inner_text().split("\t") == [
        "2",
        "si-2019-kono-visit",
        "14 August 2019",
        "Kono visits Slovenia",
    ]
    assert creates.nth(1).inner_text().split("\t")[2] == "March 2023"
    assert page.locator(".import-updates tbody tr").inner_text().split("\t")[-1] == "title_en, countries"
    assert ChronologyEntry.objects.count() == 1, "the preview writes nothing"

    page.click("text=Confirm the import")
    page.wait_for_selector(".messagelist .success")
    assert "2 entries created, 1 updated, 0 unchanged" in page.locator(".messagelist").inner_text()
    assert ChronologyEntry.objects.count() == 3
    kono = ChronologyEntry.objects.get(ref="si-2019-kono-visit")
    assert (kono.date.isoformat(), kono.date_precision, kono.title_ja) == (
        "2019-08-14",
        "day",
        "河野外務大臣がスロベニアを訪問",
    )
    assert (
        ChronologyEntry.objects.get(ref="si-1999-cherry-trees").title_en == "300 cherry trees for Ljubljana"
    )


@pytest.mark.django_db(transaction=True)
def test_editor_sees_every_bad_row_and_cannot_confirm(live_server, admin_login, places, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(
        csv_upload(
            [
                row(ref="good", date="2019", title_en="Fine"),
                row(ref="bad-date", date="2023-02-30", title_en="Never"),
                row(ref="bad-country", date="2019", title_en="Where?", countries="atlantis"),
                row(ref="no-title", date="2020", title_en=""),
            ]
        ).read()
    )
    page = admin_login()
    page.goto(f"{live_server.url}/admin/chronology/chronologyentry/import/")
    page.set_input_files("#id_file", str(path))
    page.click("input[type=submit][value=Preview]")

    errors = page.locator("tr.import-error")
    assert errors.count() == 3
    cells = [errors.nth(index).inner_text().split("\t")[:2] for index in range(3)]
    assert cells == [["3", "date"], ["4", "countries"], ["5", "title_en"]]
    assert page.get_by_role("alert").inner_text().startswith("The file has 3 problems.")
    assert page.locator("text=Confirm the import").count() == 0
    assert not ChronologyEntry.objects.exists()
