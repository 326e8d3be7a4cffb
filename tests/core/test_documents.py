"""A document is what its bytes say: real ones are accepted with their pages, hostile ones refused, saying why."""

import io

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from core import documents
from core.documents import DocumentFormField, Inspection, Kind, inspect, pages_display
from tests.helpers.documents import (
    REFUSED,
    docx_bytes,
    odt_bytes,
    pdf_bytes,
    pdf_with_javascript_in_an_object_stream,
    upload,
    xlsx_bytes,
)


def test_a_real_pdf_is_accepted_with_its_page_count():
    assert inspect(upload("report.pdf", pdf_bytes(pages=12))) == Inspection(Kind.PDF, 12)


def test_a_real_word_document_is_accepted_with_the_pages_its_properties_give():
    assert inspect(upload("Report.DOCX", docx_bytes(pages=7))) == Inspection(Kind.DOCX, 7)


def test_a_real_spreadsheet_is_accepted_with_its_sheets():
    assert inspect(upload("figures.xlsx", xlsx_bytes(sheets=3))) == Inspection(Kind.XLSX, 3)


def test_a_real_opendocument_text_is_accepted_with_its_pages():
    assert inspect(upload("minutes.odt", odt_bytes(pages=5))) == Inspection(Kind.ODT, 5)


def test_a_word_document_without_properties_has_no_page_count():
    content = docx_bytes()
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            if entry.filename != "docProps/app.xml":
                target.writestr(entry, source.read(entry))
    assert inspect(upload("report.docx", out.getvalue())) == Inspection(Kind.DOCX, None)


@pytest.mark.parametrize("kind", REFUSED)
def test_a_hostile_or_mislabelled_file_is_refused_saying_why(kind):
    name, content, words = REFUSED[kind]
    with pytest.raises(ValidationError) as refused:
        inspect(upload(name, content()))
    assert words in " ".join(refused.value.messages)


def test_javascript_hidden_in_an_object_stream_is_found_by_reading_the_objects():
    content = pdf_with_javascript_in_an_object_stream()
    assert documents.pdf_active_content(content) == set()  # not in the raw bytes
    with pytest.raises(ValidationError, match="JavaScript"):
        documents.pdf_pages(content)


def test_a_zip_bomb_is_refused_from_its_directory_before_anything_is_unpacked(monkeypatch):
    from tests.helpers.documents import zip_bomb

    content = zip_bomb()
    assert len(content) < 1_000_000
    opened = []
    monkeypatch.setattr(documents.zipfile.ZipFile, "open", lambda *args, **kwargs: opened.append(args))
    with pytest.raises(ValidationError, match="zip bomb"):
        inspect(upload("report.docx", content))
    assert opened == []


def test_a_zip_of_too_many_parts_is_refused():
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for index in range(documents.ZIP_MAX_ENTRIES + 1):
            archive.writestr(f"word/{index}.xml", "")
    with pytest.raises(ValidationError, match="too many parts"):
        inspect(upload("report.docx", out.getvalue()))


def test_a_document_over_the_size_limit_is_refused(settings):
    settings.DOCUMENT_UPLOAD_MAX_BYTES = 1000
    with pytest.raises(ValidationError, match="documents may be at most"):
        inspect(upload("report.pdf", pdf_bytes() + bytes(2000)))


def test_the_refusal_reads_in_japanese():
    with translation.override("ja"):
        with pytest.raises(ValidationError) as refused:
            inspect(upload("report.pdf", REFUSED["pdf-with-javascript"][1]()))
        message = " ".join(refused.value.messages)
    assert "JavaScript" in message and "PDF" in message
    assert "active content" not in message


class DocumentForm(forms.Form):
    file = DocumentFormField()


@pytest.mark.parametrize("kind", REFUSED)
def test_the_form_puts_each_refusal_beside_the_field(kind):
    name, content, words = REFUSED[kind]
    form = DocumentForm(files={"file": upload(name, content())})
    assert not form.is_valid()
    assert list(form.errors) == ["file"]
    assert words in form.errors["file"][0]


def test_the_form_carries_what_it_found_to_the_save():
    form = DocumentForm(files={"file": upload("report.pdf", pdf_bytes(pages=2))})
    assert form.is_valid()
    assert form.cleaned_data["file"].inspection == Inspection(Kind.PDF, 2)


def test_pages_read_as_pages_or_sheets_in_both_languages():
    assert pages_display(Kind.PDF, 12) == "12 pages"
    assert pages_display(Kind.PDF, 1) == "1 page"
    assert pages_display(Kind.XLSX, 3) == "3 sheets"
    assert pages_display(Kind.DOCX, None) == ""
    with translation.override("ja"):
        assert pages_display(Kind.PDF, 12) == "12ページ"
        assert pages_display(Kind.XLSX, 3) == "3シート"


def test_a_pdf_opens_in_the_browser_and_other_documents_download():
    assert documents.content_disposition("documents/2026/12/report.pdf") == 'inline; filename="report.pdf"'
    assert documents.content_disposition("documents/2026/12/figures.xlsx") == (
        'attachment; filename="figures.xlsx"'
    )
