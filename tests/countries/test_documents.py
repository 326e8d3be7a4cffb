"""Documents on country profiles: listed for readers in both languages, added by editors under review."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from countries.models import ProfileDocument
from tests.helpers.documents import REFUSED, odt_bytes, pdf_bytes
from tests.helpers.workflow import change_url, form_data, publish_pending_change
from tests.news.test_documents import document_rows, logged_in
from workflow.models import PendingChange


@pytest.mark.django_db
def test_a_profile_lists_its_documents_in_both_languages_fresh_and_cached(
    client, slovenia, make_profile_document
):
    make_profile_document(slovenia, title="Investment guide", title_ja="投資ガイド")
    make_profile_document(
        slovenia,
        name="agreement.odt",
        content=odt_bytes(pages=5),
        title="Agreement on culture",
        summary_en="<p>Both countries promote exchanges.</p>",
        summary_ja="<p>両国は交流を促進する。</p>",
        order=1,
    )
    for url in ("/countries/slovenia/", "/ja/countries/slovenia/"):
        pages = [client.get(url), client.get(url)]
        assert pages[1]["X-Cache"] == "HIT"
        for response in pages:
            html = response.content.decode()
            if url.startswith("/ja/"):
                assert "投資ガイド" in html and "12ページ" in html and "5ページ" in html
                assert "OpenDocumentテキスト" in html and "両国は交流を促進する。" in html
                assert 'href="/ja/contact/"' in html
            else:
                assert "Investment guide" in html and "12 pages" in html and "5 pages" in html
                assert "OpenDocument text" in html and "Both countries promote exchanges." in html
                assert 'href="/contact/"' in html
            assert html.count('class="document__request"') == 1


@pytest.mark.django_db
def test_a_document_added_to_a_live_profile_waits_for_review_and_then_shows(client, editor, slovenia):
    author = logged_in(editor)
    data = form_data(
        author.get(change_url(slovenia)),
        **document_rows((SimpleUploadedFile("guide.pdf", pdf_bytes(pages=2)), "Investment guide")),
    )
    assert author.post(change_url(slovenia), data).status_code == 302
    assert not ProfileDocument.objects.exists()
    assert "Investment guide" not in client.get("/countries/slovenia/").content.decode()
    assert PendingChange.objects.get().files["documents-0-file"][0].startswith("pending/")

    publish_pending_change(slovenia)
    document = slovenia.documents.get()
    assert (document.kind, document.pages) == ("pdf", 2)
    html = client.get("/countries/slovenia/").content.decode()
    assert "Investment guide" in html and "2 pages" in html


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["pdf-with-javascript", "executable-named-pdf", "zip-bomb"])
def test_a_refused_document_on_a_profile_is_an_error_beside_its_field(editor, slovenia, kind):
    name, content, words = REFUSED[kind]
    author = logged_in(editor)
    data = form_data(
        author.get(change_url(slovenia)), **document_rows((SimpleUploadedFile(name, content()), "Guide"))
    )
    response = author.post(change_url(slovenia), data)
    assert response.status_code == 200
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "documents"
    )
    assert words in formset.errors[0]["file"][0]
    assert not PendingChange.objects.exists() and not ProfileDocument.objects.exists()
