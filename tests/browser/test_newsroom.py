"""The newsroom in a real browser: an editor writes and submits, a publisher previews and schedules,
the story appears at its time, and the history shows every edit and reverts one.

The publish time is set an hour ahead. To get there, the test moves the clock
of the live server (a thread of this test process) forward with time-machine;
the browser, a separate process, keeps real time. Nothing is written to the
database behind the application's back.
"""

import datetime

import pytest
import time_machine
from django.utils import timezone

from news.models import NewsItem
from tests.helpers.browser import log_in, staff
from tests.helpers.images import image_bytes

SLUG = "ambassador-plants-cherry-trees-in-ljubljana"


def replace_body(page, text):
    editor = page.locator(".field-body_en .ck-editor__editable")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.type(text)


@pytest.mark.django_db(transaction=True)
def test_editor_submits_publisher_previews_and_schedules_and_history_reverts(
    live_server, browser, django_user_model
):
    staff(django_user_model, "erika", "Editors")
    staff(django_user_model, "paul", "Publishers")

    # The editor writes the story with two photos and saves a draft.
    editor = log_in(browser, live_server, "erika")
    editor.goto(f"{live_server.url}/admin/news/newsitem/add/")
    assert editor.locator("#id_status option").evaluate_all("options => options.map(o => o.value)") == [
        "draft",
        "review",
    ]
    editor.locator("#id_title_en").press_sequentially("Ambassador plants cherry trees in Ljubljana")
    editor.fill("#id_summary_en", "Thirty trees for thirty years of friendship.")
    replace_body(editor, "The first version: thirty trees were planted.")
    for index, alt in enumerate(["The ambassador with a spade", "Children watering a young tree"]):
        editor.click(".add-row a")
        editor.set_input_files(
            f"#id_images-{index}-image",
            {
                "name": f"photo-{index}.jpg",
                "mimeType": "image/jpeg",
                "buffer": image_bytes("JPEG", (1200, 800)),
            },
        )
        editor.fill(f"#id_images-{index}-alt_en", alt)
        editor.fill(f"#id_images-{index}-credit_en", "Foto: STA")
    editor.click("input[name=_continue]")
    editor.wait_for_selector(".messagelist .success")
    item = NewsItem.objects.get(slug=SLUG)
    assert (item.status, item.images.count()) == ("draft", 2)

    # A second edit, and the editor submits the story for review.
    replace_body(editor, "The second version: thirty cherry trees were planted by the river.")
    editor.select_option("#id_status", "review")
    editor.click("input[name=_save]")
    editor.wait_for_selector(".messagelist .success")
    item.refresh_from_db()
    assert item.status == "review" and item.submitted_by.username == "erika"
    assert "second version" in item.body_en

    # The publisher sees it waiting, previews it on the public template...
    publisher = log_in(browser, live_server, "paul")
    publisher.goto(f"{live_server.url}/admin/news/newsitem/")
    assert (
        publisher.locator("tr", has_text="Ambassador plants").locator(".news-status").inner_text()
        == "In review"
    )
    publisher.click("text=Ambassador plants cherry trees in Ljubljana")
    preview_url = publisher.locator(".object-tools a", has_text="Preview").get_attribute("href")
    publisher.goto(live_server.url + preview_url)
    assert publisher.locator("h1").inner_text() == "Ambassador plants cherry trees in Ljubljana"
    assert "Not public (In review)" in publisher.locator(".preview-banner").inner_text()
    assert "second version" in publisher.locator(".prose").inner_text()
    gallery = publisher.locator(".gallery picture img")
    assert gallery.count() == 2
    assert gallery.nth(1).get_attribute("alt") == "Children watering a young tree"

    # ...and schedules it for an hour from now.
    publish_at = timezone.localtime(timezone.now() + datetime.timedelta(hours=1)).replace(microsecond=0)
    publisher.go_back()
    publisher.select_option("#id_status", "published")
    publisher.fill("#id_publish_at_0", publish_at.strftime("%Y-%m-%d"))
    publisher.fill("#id_publish_at_1", publish_at.strftime("%H:%M:%S"))
    publisher.click("input[name=_save]")
    publisher.wait_for_selector(".messagelist .success")
    assert (
        publisher.locator("tr", has_text="Ambassador plants").locator(".news-status").inner_text()
        == "Scheduled"
    )
    item.refresh_from_db()
    assert item.is_scheduled and item.publish_at == publish_at and item.approved_by.username == "paul"

    # Before its time the public sees nothing.
    reader = browser.new_context().new_page()
    assert reader.goto(f"{live_server.url}/news/{SLUG}/").status == 404
    reader.goto(f"{live_server.url}/news/")
    assert reader.locator("text=Ambassador plants").count() == 0
    assert reader.goto(live_server.url + preview_url).status == 404

    with time_machine.travel(publish_at + datetime.timedelta(minutes=1), tick=True):
        # At its time it is there, with both photos as responsive pictures, for a reader who comes
        # then. (The first reader's browser may keep its copy of a page for PAGE_MAX_AGE seconds
        # of its own clock, which time-machine does not move.)
        reader = browser.new_context().new_page()
        assert reader.goto(f"{live_server.url}/news/{SLUG}/").status == 200
        assert "second version" in reader.locator(".prose").inner_text()
        photos = reader.locator(".gallery picture")
        assert photos.count() == 2
        assert photos.nth(0).locator("source[type='image/avif']").get_attribute("srcset")
        assert photos.nth(0).locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
        reader.goto(f"{live_server.url}/news/")
        assert reader.locator(".card__title", has_text="Ambassador plants").count() == 1

        # The history shows both edits by the editor and the publisher's scheduling.
        publisher.goto(f"{live_server.url}/admin/news/newsitem/{item.pk}/history/")
        records = publisher.locator("tr.history-record")
        assert records.count() == 3
        newest, edit, first = records.nth(0), records.nth(1), records.nth(2)
        assert "paul" in newest.inner_text() and "Scheduled for" in newest.inner_text()
        assert "erika" in edit.inner_text() and "erika" in first.inner_text()
        assert edit.locator("dt", has_text="Body [en]").count() == 1
        assert edit.locator("del", has_text="first").count() == 1
        assert edit.locator("ins", has_text="second").count() == 1
        assert "Draft" in edit.inner_text() and "In review" in edit.inner_text()

        # Reverting to the first version restores its text and keeps the story published. Like any
        # change to a live story it would wait for a second publisher; this one is forced, with a reason.
        first.locator("a.history-open").click()
        publisher.fill("#id_force_reason", "The first version is the one the embassy approved.")
        publisher.click("input[name=_save][value=Revert]")
        publisher.wait_for_selector(".messagelist .success")
        item.refresh_from_db()
        assert "first version" in item.body_en and "second version" not in item.body_en
        assert item.status == "published" and item.images.count() == 2
        reader = browser.new_context().new_page()  # a new reader, as above
        reader.goto(f"{live_server.url}/news/{SLUG}/")
        assert "first version" in reader.locator(".prose").inner_text()
        publisher.goto(f"{live_server.url}/admin/news/newsitem/{item.pk}/history/")
        assert publisher.locator("tr.history-record").count() == 4
