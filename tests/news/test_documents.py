"""Documents on stories: attached through the admin only when they are what they say, shown to readers in both languages."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from news.models import NewsItem, StoryDocument
from tests.helpers.documents import REFUSED, docx_bytes, pdf_bytes, xlsx_bytes
from tests.helpers.news import news_form_data
from tests.helpers.workflow import change_url, form_data, publish_pending_change
from workflow.models import PendingChange

ADD = reverse("admin:news_newsitem_add")


def document_rows(*rows):
    """Return the inline's form data for new document rows: (file, title) pairs."""
    data = {"documents-TOTAL_FORMS": str(len(rows))}
    for index, (upload, title) in enumerate(rows):
        prefix = f"documents-{index}-"
        data.update(
            {
                prefix + "file": upload,
                prefix + "title_en": title,
                prefix + "title_ja": "",
                prefix + "summary_en": "",
                prefix + "summary_ja": "",
                prefix + "order": str(index),
            }
        )
    return data


def stored_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_a_real_pdf_is_attached_with_its_type_size_and_pages(editor_client, settings):
    pdf = pdf_bytes(pages=12)
    data = news_form_data(
        **document_rows((SimpleUploadedFile("Annual report.pdf", pdf), "Annual report 2025"))
    )
    response = editor_client.post(ADD, data)
    assert response.status_code == 302, response.context and response.context["inline_admin_formsets"]
    document = StoryDocument.objects.get()
    assert (document.kind, document.pages, document.size) == ("pdf", 12, len(pdf))
    assert document.file.name.startswith("documents/") and document.file.name.endswith(".pdf")
    assert document.news_item == NewsItem.objects.get()
    assert document.title_en == "Annual report 2025"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kind", ["pdf-with-javascript", "executable-named-pdf", "zip-bomb", "macros", "word-named-pdf"]
)
def test_a_refused_document_is_an_error_beside_its_field_and_nothing_is_stored(editor_client, settings, kind):
    name, content, words = REFUSED[kind]
    data = news_form_data(**document_rows((SimpleUploadedFile(name, content()), "Programme")))
    response = editor_client.post(ADD, data)
    assert response.status_code == 200
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "documents"
    )
    assert list(formset.errors[0]) == ["file"] and words in formset.errors[0]["file"][0]
    html = response.content.decode()
    assert words.replace("“", "&ldquo;") in html or words in html or "zip bomb" in html
    assert "Cherry trees blossom in Ljubljana" in html  # what was typed is kept
    assert not NewsItem.objects.exists() and not StoryDocument.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.django_db
def test_the_refusal_is_in_japanese_in_the_japanese_admin(editor_client):
    name, content, _words = REFUSED["pdf-with-javascript"]
    data = news_form_data(**document_rows((SimpleUploadedFile(name, content()), "Programme")))
    response = editor_client.post(ADD, data, HTTP_ACCEPT_LANGUAGE="ja")
    html = response.content.decode()
    assert "アクティブコンテンツ（JavaScript）" in html


@pytest.mark.django_db
def test_a_failed_save_keeps_the_chosen_document_and_the_next_save_uses_it(editor_client, settings):
    data = news_form_data(
        title_en="",  # the mistake
        **document_rows((SimpleUploadedFile("programme.pdf", pdf_bytes(pages=4)), "Programme")),
    )
    failed = editor_client.post(ADD, data)
    assert failed.status_code == 200 and not NewsItem.objects.exists()
    html = failed.content.decode()
    assert "Kept from your last try: programme.pdf" in html
    tokens = dict(re.findall(r'name="([^"]+__kept)" value="([^"]+)"', html))
    assert set(tokens) == {"documents-0-file__kept"}
    data = news_form_data(**document_rows((None, "Programme")), **tokens)
    data.pop("documents-0-file")
    assert editor_client.post(ADD, data).status_code == 302
    document = StoryDocument.objects.get()
    assert (document.kind, document.pages, document.file.name.startswith("documents/")) == ("pdf", 4, True)


@pytest.mark.django_db
def test_a_document_added_to_a_live_story_waits_with_the_change_and_appears_when_it_is_approved(
    publisher, make_news, client
):
    # (Editors see a live story's gallery and documents read-only; a publisher's edit waits for review too.)
    story = make_news(title="Visit to Sofia", body="<p>Text.</p>")
    author = logged_in(publisher)
    data = form_data(
        author.get(change_url(story)),
        **document_rows((SimpleUploadedFile("agreement.pdf", pdf_bytes(pages=3)), "The agreement")),
    )
    assert author.post(change_url(story), data).status_code == 302
    assert not story.documents.exists()
    assert "The agreement" not in client.get(story.get_absolute_url()).content.decode()
    change = PendingChange.objects.get()
    (kept,) = change.files["documents-0-file"]
    assert kept.startswith("pending/") and kept.endswith("agreement.pdf")

    publish_pending_change(story)
    document = story.documents.get()
    assert (document.title, document.kind, document.pages) == ("The agreement", "pdf", 3)
    page = client.get(story.get_absolute_url()).content.decode()
    assert "The agreement" in page and "3 pages" in page


@pytest.mark.django_db
def test_a_story_lists_its_documents_in_both_languages_fresh_and_cached(
    client, make_news, make_story_document
):
    story = make_news(title="Trade mission", title_ja="貿易ミッション")
    report = make_story_document(story, title="Mission report", title_ja="ミッション報告書")
    make_story_document(
        story,
        name="figures.xlsx",
        content=xlsx_bytes(sheets=3),
        title="Trade figures",
        summary="<p>Exports rose by a tenth.</p>",
        order=1,
    )
    make_story_document(story, name="notes.docx", content=docx_bytes(pages=1), title="Notes", order=2)
    for url in (story.get_absolute_url(), f"/ja{story.get_absolute_url()}"):
        pages = [client.get(url), client.get(url)]
        assert pages[1]["X-Cache"] == "HIT"
        for response in pages:
            html = response.content.decode()
            assert f'href="{report.file.url}"' in html
            assert report.size_display in html
            if url.startswith("/ja/"):
                assert "ミッション報告書" in html and "12ページ" in html and "3シート" in html
                assert "Word文書" in html and "Excelスプレッドシート" in html
                assert 'href="/ja/contact/"' in html and "アクセシブルな形式を依頼する" in html
            else:
                assert (
                    "Mission report" in html
                    and "12 pages" in html
                    and "3 sheets" in html
                    and "1 page" in html
                )
                assert "Word document" in html and "Excel spreadsheet" in html
                assert 'href="/contact/"' in html and "Request an accessible format" in html
            # The spreadsheet has its summary, so no request link of its own.
            assert "Exports rose by a tenth." in html
            assert html.count('class="document__request"') == 2


@pytest.mark.django_db
def test_the_request_link_mails_the_contact_address_when_there_is_one(
    client, settings, make_news, make_story_document
):
    settings.CONTACT_EMAIL = "info@example.org"
    story = make_news()
    make_story_document(story, title="Mission report")
    html = client.get(story.get_absolute_url()).content.decode()
    assert (
        'href="mailto:info@example.org?subject=Request%20for%20an%20accessible%20format%3A%20Mission%20report"'
        in html
    )


@pytest.mark.django_db
def test_a_document_added_to_a_public_story_shows_at_once(client, make_news, make_story_document):
    story = make_news()
    assert "Mission report" not in client.get(story.get_absolute_url()).content.decode()
    make_story_document(story, title="Mission report")
    assert "Mission report" in client.get(story.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_the_file_is_served_with_its_type_a_file_name_and_no_sniffing(client, make_news, make_story_document):
    document = make_story_document(make_news())
    response = client.get(document.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline; filename=")
    assert response["X-Content-Type-Options"] == "nosniff"
    word = make_story_document(make_news(), name="notes.docx", content=docx_bytes())
    response = client.get(word.file.url)
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"].startswith("attachment; filename=")


@pytest.mark.django_db
def test_the_story_form_shows_each_documents_type_size_and_pages(
    editor_client, make_news, make_story_document
):
    story = make_news(status="draft")
    make_story_document(story, title="Mission report")
    response = editor_client.get(reverse("admin:news_newsitem_change", args=[story.pk]))
    assert response.status_code == 200
    assert "PDF, 1.7\xa0KB, 12 pages" in response.content.decode() or "12 pages" in response.content.decode()
