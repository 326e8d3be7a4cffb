"""Drafts over live content: an edit to a live item waits, is previewed, and goes live exactly as previewed."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from model_bakery import baker

from countries.models import Embassy, TradeFigure
from staff.models import AuditEntry
from tests.helpers.images import image_upload
from tests.helpers.users import staff_in
from tests.helpers.workflow import change_url, form_data, pending_url, publish_pending_change
from workflow.models import PendingChange, WorkflowEvent

pytestmark = pytest.mark.django_db


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def preview_url(obj, language):
    name = f"admin:{obj._meta.app_label}_{obj._meta.model_name}_pending_preview"
    return reverse(name, args=[obj.pk, language])


def main(html):
    """The page's main content, without what differs between any two answers or marks a preview."""
    content = html.split('<main id="main" tabindex="-1">', 1)[1].split("</main>", 1)[0]
    content = re.sub(
        r'<div class="wrap"><aside class="preview-banner" data-change-preview.*?</aside></div>',
        "",
        content,
        flags=re.S,
    )
    # When it was last changed is when it was approved, not when it was previewed.
    content = re.sub(r"<time[^>]*>.*?</time>", "<time>", content, flags=re.S)
    return re.sub(r'(nonce|value)="[^"]*"', "", content).strip()


def both_answers(url):
    """The fresh and the cached answer a reader gets (asserting the second came from the cache)."""
    reader = Client()
    first, second = reader.get(url), reader.get(url)
    assert first.status_code == second.status_code == 200, url
    assert second["X-Cache"] == "HIT", url
    return first.content.decode(), second.content.decode()


def live_country(make_country):
    slovenia = make_country(name="Slovenia", iso_code="SI", summary="A country on the Adriatic.")
    baker.make(
        Embassy, country=slovenia, kind="in_japan", name="Embassy of Slovenia", address="Old road 1, Tokyo"
    )
    return slovenia


def country_edit(page):
    data = form_data(
        page, summary_en="A country of forests and the Adriatic.", summary_ja="森とアドリア海の国。"
    )
    prefix = page.context["inline_admin_formsets"][0].formset.prefix
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        if formset.model is Embassy:
            prefix = formset.prefix
            data[f"{prefix}-0-address_en"] = "Hiroo 7-5-15, Shibuya, Tokyo"
        elif formset.model is TradeFigure:  # a year of trade figures, added
            figures = formset.prefix
            total = int(data[f"{figures}-TOTAL_FORMS"])
            data.update(
                {
                    f"{figures}-TOTAL_FORMS": total + 1,
                    f"{figures}-{total}-year": 2025,
                    f"{figures}-{total}-exports_to_japan": "131.5",
                    f"{figures}-{total}-imports_from_japan": "402.0",
                    f"{figures}-{total}-currency": "EUR",
                }
            )
    return data


CASES = {
    # kind: (make the live item, edit its form, what the change shows in English and in Japanese)
    "country": (
        lambda f: live_country(f["make_country"]),
        country_edit,
        ("A country of forests and the Adriatic.", "Hiroo 7-5-15", "131.5"),
        ("森とアドリア海の国。",),
    ),
    "partner": (
        lambda f: f["make_partner"](name="Cosylab", slug="cosylab", description="<p>Control systems.</p>"),
        lambda page: form_data(
            page,
            description_en="<p>Control systems for accelerators.</p>",
            description_ja="<p>加速器の制御。</p>",
        ),
        ("Control systems for accelerators.",),
        ("加速器の制御。",),
    ),
    "entry": (
        lambda f: f["make_entry"](title="Relations established", ref="relations"),
        lambda page: form_data(page, title_en="Diplomatic relations established", title_ja="国交樹立"),
        ("Diplomatic relations established",),
        ("国交樹立",),
    ),
    "page": (
        lambda f: baker.make(
            "balkan.Page", key="about", title_en="About", title_ja="概要", body_en="<p>Old.</p>"
        ),
        lambda page: form_data(
            page, body_en="<p>The network links Japan and the Balkans.</p>", body_ja="<p>日本とバルカン。</p>"
        ),
        ("The network links Japan and the Balkans.",),
        ("日本とバルカン。",),
    ),
    "news": (
        lambda f: f["make_news"](title="Visit to Sofia", slug="visit-to-sofia", body="<p>Old text.</p>"),
        lambda page: form_data(
            page,
            body_en="<p>The minister met students in Sofia.</p>",
            body_ja="<p>大臣はソフィアで学生と会った。</p>",
        ),
        ("The minister met students in Sofia.",),
        ("大臣はソフィアで学生と会った。",),
    ),
}


@pytest.mark.parametrize("kind", CASES)
def test_an_edit_to_live_content_is_invisible_until_approved_previewable_and_goes_live_as_previewed(
    kind, editor, publisher, make_country, make_partner, make_entry, make_news
):
    make, edit, english, japanese = CASES[kind]
    obj = make(locals())
    url = obj.get_absolute_url().split("#")[0]
    ja_url = "/ja" + url
    for answer in (*both_answers(url), *both_answers(ja_url)):
        assert not any(text in answer for text in (*english, *japanese))

    author = logged_in(editor)
    data = edit(author.get(change_url(obj)))
    data.update(_submit_change="1", workflow_note="Updated from the embassy's letter.")
    response = author.post(change_url(obj), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    change = PendingChange.objects.get(
        object_id=str(obj.pk), content_type=ContentType.objects.get_for_model(obj)
    )
    assert (change.state, change.author, change.submitted_by) == ("submitted", editor, editor)

    # Readers, first and second, in both languages: the live version.
    for answer in (*both_answers(url), *both_answers(ja_url)):
        assert not any(text in answer for text in (*english, *japanese))
    # The form shows the change, to go on with.
    form = author.get(change_url(obj)).content.decode()
    assert english[0] in form and "A change to this published item is waiting." in form

    reviewer = logged_in(publisher)
    previews = {}
    for language, texts in (("en", english), ("ja", japanese)):
        preview = reviewer.get(preview_url(obj, language))
        assert preview.status_code == 200
        assert "no-store" in preview["Cache-Control"] and preview["X-Robots-Tag"] == "noindex, nofollow"
        html = preview.content.decode()
        assert all(text in html for text in texts), (language, texts)
        assert (
            "Preview of a change waiting for review."
            if language == "en"
            else "確認待ちの変更のプレビューです。"
        ) in html
        previews[language] = main(html)
    assert Client().get(preview_url(obj, "en")).status_code == 302  # to the login page
    # The preview was undone: readers still get the live version.
    for answer in both_answers(url):
        assert english[0] not in answer

    review = reviewer.get(pending_url(obj)).content.decode()
    assert "What approving it changes" in review and "Updated from the embassy&#x27;s letter." in review
    response = reviewer.post(pending_url(obj), {"_approve": "1", "note": "Checked against the letter."})
    assert response.status_code == 302
    assert not PendingChange.objects.filter(pk=change.pk).exists()
    for language, address in (("en", url), ("ja", ja_url)):
        fresh, cached = both_answers(address)
        assert main(fresh) == main(cached) == previews[language], language
    assert WorkflowEvent.objects.for_object(obj).first().action == "approved"


def test_the_review_page_lists_each_difference_with_inline_rows(editor, publisher, make_country):
    slovenia = live_country(make_country)
    author = logged_in(editor)
    author.post(change_url(slovenia), country_edit(author.get(change_url(slovenia))))
    html = logged_in(publisher).get(pending_url(slovenia)).content.decode()
    assert "Summary [en]" in html and "A country <del>on</del><ins>of forests and</ins> the Adriatic." in html
    assert "Embassies" in html and "1 changed" in html
    assert "Trade figures" in html and "1 added" in html


def test_a_publisher_cannot_approve_their_own_change_but_may_force_it_with_a_reason(
    publisher, make_partner, client
):
    cosylab = make_partner(name="Cosylab", slug="cosylab", description="<p>Control systems.</p>")
    own = logged_in(publisher)
    data = form_data(
        own.get(change_url(cosylab)), description_en="<p>Forced summary.</p>", _submit_change="1"
    )
    assert own.post(change_url(cosylab), data).status_code == 302
    refused = own.post(pending_url(cosylab), {"_approve": "1", "note": ""}, follow=True).content.decode()
    assert "another publisher must approve it" in refused
    assert "Forced summary." not in Client().get("/partners/cosylab/").content.decode()
    without_reason = own.post(pending_url(cosylab), {"_force": "1", "note": ""}, follow=True).content.decode()
    assert "State why it cannot wait for a second review." in without_reason
    forced = own.post(pending_url(cosylab), {"_force": "1", "note": "The fair opens tomorrow."})
    assert forced.status_code == 302
    assert "Forced summary." in Client().get("/partners/cosylab/").content.decode()
    event = WorkflowEvent.objects.for_object(cosylab).first()
    assert (event.action, event.note, event.awaits_confirmation) == (
        "force-published",
        "The fair opens tomorrow.",
        True,
    )
    assert AuditEntry.objects.filter(message__contains="The fair opens tomorrow.").exists()


def test_a_rejected_change_goes_back_to_its_author_with_the_reason_and_can_be_fixed(
    editor, publisher, make_entry
):
    entry = make_entry(title="Relations established", ref="relations")
    author = logged_in(editor)
    author.post(
        change_url(entry),
        form_data(author.get(change_url(entry)), title_en="Relations establishd", _submit_change="1"),
    )
    reviewer = logged_in(publisher)
    no_reason = reviewer.post(pending_url(entry), {"_reject": "1", "note": ""}, follow=True).content.decode()
    assert "Say why it is rejected" in no_reason
    assert (
        reviewer.post(pending_url(entry), {"_reject": "1", "note": "Spelling: established."}).status_code
        == 302
    )
    assert PendingChange.objects.get().state == "rejected"
    dashboard = author.get(reverse("admin:index")).content.decode()
    assert "Sent back to you" in dashboard and "Spelling: established." in dashboard
    # The author fixes it in the same form and submits again; the publisher approves.
    form = author.get(change_url(entry))
    assert "Relations establishd" in form.content.decode()
    author.post(
        change_url(entry), form_data(form, title_en="Relations established in 1992", _submit_change="1")
    )
    assert PendingChange.objects.get().state == "submitted"
    assert reviewer.post(pending_url(entry), {"_approve": "1", "note": ""}).status_code == 302
    entry.refresh_from_db()
    assert entry.title_en == "Relations established in 1992"


def test_a_second_editor_saving_over_a_newer_draft_is_refused_and_keeps_what_they_typed(
    editor, django_user_model, make_news
):
    story = make_news(title="Visit to Sofia", body="<p>Old text.</p>")
    first, second = logged_in(editor), logged_in(staff_in(django_user_model, "emi", "Editors"))
    first_form, second_form = first.get(change_url(story)), second.get(change_url(story))
    assert (
        first.post(
            change_url(story), form_data(first_form, body_en="<p>First editor's text.</p>")
        ).status_code
        == 302
    )
    refused = second.post(change_url(story), form_data(second_form, body_en="<p>Second editor's text.</p>"))
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "saved a newer draft of this change" in html and "Second editor&#x27;s text." in html
    assert PendingChange.objects.get().data["body_en"] == ["<p>First editor's text.</p>"]
    # Saving again on purpose replaces it.
    again = second.post(change_url(story), form_data(refused, body_en="<p>Second editor's text.</p>"))
    assert again.status_code == 302
    assert PendingChange.objects.get().data["body_en"] == ["<p>Second editor's text.</p>"]


def test_a_change_that_no_longer_fits_the_live_item_is_not_applied(editor, publisher, make_news):
    story = make_news(title="Visit to Sofia", body="<p>Old text.</p>")
    author = logged_in(editor)
    author.post(
        change_url(story),
        form_data(author.get(change_url(story)), body_en="<p>Draft.</p>", _submit_change="1"),
    )
    # Meanwhile the live story was changed (a forced correction by another publisher).
    story.body_en = "<p>Corrected live.</p>"
    story.save()
    reviewer = logged_in(publisher)
    review = reviewer.get(pending_url(story)).content.decode()
    assert "It cannot be approved as it is" in review and 'name="_approve"' not in review
    refused = reviewer.post(pending_url(story), {"_approve": "1", "note": ""}, follow=True).content.decode()
    assert "The change no longer fits the item as it is now" in refused
    story.refresh_from_db()
    assert story.body_en == "<p>Corrected live.</p>"


def test_a_picture_uploaded_with_a_change_waits_with_it_and_goes_live_on_approval(
    editor, publisher, make_news
):
    story = make_news(title="Visit to Sofia", body="<p>Text.</p>")
    author = logged_in(editor)
    data = form_data(
        author.get(change_url(story)),
        hero_alt_en="The minister in Sofia",
        hero_image=image_upload("sofia.jpg"),
    )
    assert author.post(change_url(story), data).status_code == 302
    story.refresh_from_db()
    assert not story.hero_image
    change = PendingChange.objects.get()
    assert change.files["hero_image"][0].startswith("pending/")
    publish_pending_change(story)
    assert story.hero_image.name.endswith(".jpg") and story.hero_alt_en == "The minister in Sofia"


def test_a_preview_leaves_no_trace_in_the_shared_caches(editor, publisher, make_country):
    slovenia = make_country(name="Slovenia", iso_code="SI", other_names="")
    author = logged_in(editor)
    author.post(change_url(slovenia), form_data(author.get(change_url(slovenia)), other_names="Kranjska"))
    reviewer = logged_in(publisher)
    assert reviewer.get(preview_url(slovenia, "en")).status_code == 200
    search = Client().get("/search/?q=Kranjska").content.decode()
    assert "entity-card" not in search  # the search's remembered names are the live ones
    assert Client().get("/search/?q=Kranjska").content.decode() == search
