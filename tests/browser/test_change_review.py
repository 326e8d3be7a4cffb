"""The whole path of a change to a live profile, in a real browser, with the real mail server and task worker.

An Editor changes the live Slovenia profile and submits it with a note; the
Publisher sees it on the dashboard and in the mail, rejects it with a reason;
the Editor, told by mail and on the dashboard, fixes it and submits again; the
Publisher approves; only then does the public profile change, for the first
reader and the second (from the page cache), in English and Japanese.
"""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from model_bakery import baker

from countries.models import Embassy
from tests.helpers.browser import log_in, staff
from tests.helpers.mail import MailServer, run_worker

OLD = "A country on the Adriatic."
REJECTED = "A country on the Adriatic and the Alps (draft)."
FIXED = "A green country between the Alps and the Adriatic."


def readers_see(live_server, path):
    """What the first reader and the second (answered by the page cache) get."""
    reader = Client()
    first, second = reader.get(path), reader.get(path)
    assert second["X-Cache"] == "HIT"
    return first.content.decode(), second.content.decode()


def link_in(message):
    line = next(line for line in message.get_content().splitlines() if "https://balkan.example/" in line)
    return urlsplit(line.split("https://balkan.example", 1)[1].strip()).path


def edit_summary_and_submit(page, text, note):
    page.fill("#id_summary_en", text)
    page.fill("#id_workflow_note", note)
    page.click("input[name=_submit_change]")
    page.wait_for_selector(".messagelist .success")


@pytest.mark.django_db(transaction=True)
def test_editor_changes_live_slovenia_publisher_rejects_then_approves_and_only_then_it_is_public(
    browser, live_server, django_user_model, make_country, mail_port
):
    staff(django_user_model, "erika", "Editors", email="erika@example.org")
    staff(django_user_model, "paul", "Publishers", email="paul@example.org")
    slovenia = make_country(name="Slovenia", iso_code="SI", summary=OLD)
    baker.make(Embassy, country=slovenia, kind="in_japan", name="Embassy of Slovenia", address="Old road 1")
    change_path = f"/admin/countries/country/{slovenia.pk}/change/"

    with MailServer(mail_port) as inbox:
        editor = log_in(browser, live_server, "erika")
        editor.goto(live_server.url + change_path)
        assert editor.get_by_text("This item is live.").is_visible()
        edit_summary_and_submit(editor, REJECTED, "New summary from the embassy's letter.")
        assert "submitted for review" in editor.locator(".messagelist").inner_text()
        assert all(
            OLD in html and REJECTED not in html for html in readers_see(live_server, "/countries/slovenia/")
        )

        run_worker()
        [mail] = [message for message in inbox.messages if message["To"] == "paul@example.org"]
        assert mail["Subject"] == "Waiting for your review: Slovenia"
        assert "New summary from the embassy's letter." in mail.get_content()

        publisher = log_in(browser, live_server, "paul")
        awaiting = publisher.locator(".attention__list--awaiting-approval")
        assert "Slovenia" in awaiting.inner_text() and "embassy's letter" in awaiting.inner_text()
        publisher.goto(live_server.url + link_in(mail))
        publisher.get_by_role("link", name="Compare with the live version, submit, approve or reject").click()
        assert "A country on the Adriatic" in publisher.locator(".pending-change__differences").inner_text()
        publisher.fill("#id_note", "Say “green”, as the embassy's own site does.")
        publisher.click("input[name=_reject]")
        assert "sent back to its author" in publisher.locator(".messagelist").inner_text()

        run_worker()
        [sent_back] = [message for message in inbox.messages if message["To"] == "erika@example.org"]
        assert sent_back["Subject"] == "Sent back to you: Slovenia"
        assert "as the embassy's own site does" in sent_back.get_content()

        editor.goto(live_server.url + "/admin/")
        assert "as the embassy" in editor.locator(".attention__list--returned").inner_text()
        editor.goto(live_server.url + link_in(sent_back))
        assert editor.input_value("#id_summary_en") == REJECTED, (
            "the form holds the change, not the live text"
        )
        edit_summary_and_submit(editor, FIXED, "Green, as asked.")
        assert all(
            OLD in html and FIXED not in html for html in readers_see(live_server, "/countries/slovenia/")
        )

        publisher.goto(live_server.url + change_path)
        publisher.get_by_role("link", name="Compare with the live version, submit, approve or reject").click()
        publisher.fill("#id_note", "Thank you.")
        publisher.click("input[name=_approve]")
        assert "approved and live" in publisher.locator(".messagelist").inner_text()

    for path in ("/countries/slovenia/", "/ja/countries/slovenia/"):
        for html in readers_see(live_server, path):
            assert (FIXED in html or path.startswith("/ja/")) and REJECTED not in html
    public = browser.new_page()
    public.goto(f"{live_server.url}/countries/slovenia/")
    assert FIXED in public.locator("main").inner_text()
    public.close()
