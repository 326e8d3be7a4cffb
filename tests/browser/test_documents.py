"""Attaching documents through the real admin form: hostile files are refused beside the field, a real PDF
is kept across a failed save, stored, and listed on the story with its type, size and pages."""

import pytest
from django.urls import reverse

from news.models import StoryDocument
from tests.browser.audit import axe_violations
from tests.helpers.browser import log_in, staff
from tests.helpers.documents import pdf_bytes, pdf_with_javascript, windows_executable, zip_bomb


def choose(page, name, content, mime="application/pdf"):
    page.set_input_files("#id_documents-0-file", {"name": name, "mimeType": mime, "buffer": content})


def save_and_read_errors(page):
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    return page.locator("#documents-group .errorlist").all_inner_texts()


@pytest.mark.django_db(transaction=True)
def test_editor_attaches_a_real_pdf_after_three_hostile_files_are_refused(
    live_server, browser, django_user_model, make_news
):
    staff(django_user_model, "erika", "Editors")
    story = make_news(title="Trade mission to Sofia", status="draft")
    editor = log_in(browser, live_server, "erika")
    editor.goto(f"{live_server.url}{reverse('admin:news_newsitem_change', args=[story.pk])}")
    editor.click("#documents-group .add-row a")
    editor.fill("#id_documents-0-title_en", "Programme")

    choose(editor, "programme.pdf", pdf_with_javascript())
    assert any("active content (JavaScript)" in error for error in save_and_read_errors(editor))
    choose(editor, "programme.pdf", windows_executable())
    assert any("is a program, not a document" in error for error in save_and_read_errors(editor))
    choose(
        editor,
        "programme.docx",
        zip_bomb(),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    assert any("zip bomb" in error for error in save_and_read_errors(editor))
    assert not StoryDocument.objects.exists()

    # A real PDF, but the row's title is left empty: the save fails, the chosen file is kept.
    choose(editor, "programme.pdf", pdf_bytes(pages=12))
    editor.fill("#id_documents-0-title_en", "")
    assert save_and_read_errors(editor) == ["This field is required."]
    assert "Kept from your last try: programme.pdf" in editor.locator("#documents-group").inner_text()
    editor.fill("#id_documents-0-title_en", "Programme of the mission")
    editor.click("input[name=_continue]")
    editor.wait_for_selector(".messagelist .success")
    document = StoryDocument.objects.get()
    assert (document.kind, document.pages, document.news_item_id) == ("pdf", 12, story.pk)
    assert "PDF" in editor.locator("#documents-0 .field-details").inner_text()

    # The story, as readers will see it (previewed: it is still a draft).
    editor.goto(f"{live_server.url}{reverse('news:preview', args=[story.pk])}")
    assert (document.summary_en, document.summary_ja) == ("", "")  # the empty editors posted "<p>&nbsp;</p>"
    listed = editor.locator(".documents .document")
    assert listed.count() == 1
    assert listed.locator("h3").inner_text() == "Programme of the mission"
    assert listed.locator(".document__meta").inner_text().endswith("12 pages")
    assert listed.get_by_role("link", name="Request an accessible format").count() == 1
    from axe_playwright_python.sync_playwright import Axe

    assert axe_violations(Axe(), editor) == []
    served = editor.request.get(live_server.url + listed.locator("h3 a").get_attribute("href"))
    assert served.status == 200 and served.headers["content-type"] == "application/pdf"
    # (The live test server serves media itself, past the site's view: its headers are tested with the client.)
    assert served.body() == document.file.open("rb").read()
