"""The workflow's e-mails, through a real SMTP server started here and the real task worker.

Publishers hear of a submission, the author of its approval or rejection, each
once, in their own language, with a link that opens the item; a mail server
that is down never holds up a save, and the worker tries again later.
"""

import datetime
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from tests.helpers.mail import MailServer, run_worker
from tests.helpers.workflow import run_action
from workflow.models import StaffPreference

# The worker closes its database connection between tasks, as it should: these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def team(editor, publisher, other_publisher):
    for user, address, language in (
        (editor, "erika@example.org", "en"),
        (publisher, "paul@example.org", "en"),
        (other_publisher, "petra@example.org", "ja"),
    ):
        user.email = address
        user.save()
        StaffPreference.objects.create(user=user, language=language)
    return editor, publisher, other_publisher


def opens(client, user, message):
    """Whether the link in `message` opens the item for `user`."""
    link = next(line for line in message.get_content().splitlines() if "https://balkan.example/" in line)
    path = urlsplit(link.split("https://balkan.example", 1)[1].strip()).path
    client.force_login(user)
    return client.get(path).status_code == 200


def test_submit_reject_approve_each_tell_the_right_people_once_in_their_language(
    client, team, make_news, mail_port, django_capture_on_commit_callbacks
):
    editor, publisher, other_publisher = team
    story = make_news(status="draft", title="Visit to Sofia")
    with MailServer(mail_port) as inbox:
        client.force_login(editor)
        with django_capture_on_commit_callbacks(execute=True):
            run_action(client, "submit_for_review", story, note="Please check the names.")
        assert inbox.messages == []  # queued, not sent by the request
        run_worker()
        assert inbox.to("erika@example.org") == []  # the author is not told of their own step
        [english] = inbox.to("paul@example.org")
        [japanese] = inbox.to("petra@example.org")
        assert english["Subject"] == "Waiting for your review: Visit to Sofia"
        assert "Please check the names." in english.get_content()
        assert japanese["Subject"] == "確認待ち：Visit to Sofia"
        assert "メモ：Please check the names." in japanese.get_content()
        assert opens(client, publisher, english) and opens(client, other_publisher, japanese)

        client.force_login(publisher)
        with django_capture_on_commit_callbacks(execute=True):
            run_action(client, "reject", story, note="The date is wrong.")
        run_worker()
        [rejected] = inbox.to("erika@example.org")
        assert rejected["Subject"] == "Sent back to you: Visit to Sofia"
        assert "The date is wrong." in rejected.get_content()
        assert opens(client, editor, rejected)
        assert len(inbox.messages) == 3

        client.force_login(editor)
        with django_capture_on_commit_callbacks(execute=True):
            run_action(client, "submit_for_review", story, note="Date fixed.")
        client.force_login(other_publisher)
        with django_capture_on_commit_callbacks(execute=True):
            run_action(client, "publish", story, note="")
        run_worker()
        approved = inbox.to("erika@example.org")[-1]
        assert approved["Subject"] == "Approved and published: Visit to Sofia"
        assert len(inbox.to("erika@example.org")) == 2
        # Each publisher heard of both submissions; the approver is not told of their own step.
        assert [message["Subject"] for message in inbox.to("petra@example.org")] == [
            "確認待ち：Visit to Sofia"
        ] * 2
        assert len(inbox.to("paul@example.org")) == 2


def test_a_mail_server_that_is_down_never_holds_up_the_save_and_the_worker_tries_again(
    client, team, make_news, mail_port, django_capture_on_commit_callbacks
):
    editor, publisher, other_publisher = team
    story = make_news(status="draft", title="Visit to Sofia")
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(client, "submit_for_review", story, note="Please check.")
    assert response.status_code == 200
    story.refresh_from_db()
    assert story.status == "review"
    run_worker()  # nobody listens on the port: both sends fail and are queued again
    with MailServer(mail_port) as inbox:
        run_worker()
        assert inbox.messages == []  # not before their time
        with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
            run_worker()
        assert sorted(message["To"] for message in inbox.messages) == [
            "paul@example.org",
            "petra@example.org",
        ]


def test_review_reminders_go_to_whoever_changed_the_record_last_or_else_to_the_publishers(
    client, team, make_country, make_partner, mail_port
):
    editor, publisher, other_publisher = team
    today = timezone.localdate()
    slovenia = make_country(name="Slovenia", iso_code="SI", review_by=today + datetime.timedelta(days=10))
    client.force_login(editor)  # the editor is the last to change Slovenia, through the admin's history
    slovenia.review_by = today + datetime.timedelta(days=10)
    slovenia._history_user = editor
    slovenia.save()
    make_partner(name="Cosylab")  # nobody on the staff changed it: the publishers are told
    with MailServer(mail_port) as inbox:
        call_command("remind_reviews", verbosity=0)
        run_worker()
        assert inbox.messages == []  # nothing is due yet
        with time_machine.travel(timezone.now() + datetime.timedelta(days=11)):
            call_command("remind_reviews", verbosity=0)
            run_worker()
        [to_editor] = inbox.to("erika@example.org")
        assert to_editor["Subject"] == "1 record is due for review"
        assert "Slovenia" in to_editor.get_content() and "Cosylab" not in to_editor.get_content()
        assert opens(client, editor, to_editor)
        assert inbox.to("paul@example.org") == inbox.to("petra@example.org") == []
        with time_machine.travel(timezone.now() + datetime.timedelta(days=367)):
            call_command("remind_reviews", verbosity=0)
            run_worker()
            # The same day again: what was mentioned in the last seven days is not mentioned again.
            call_command("remind_reviews", verbosity=0)
            run_worker()
        [japanese] = inbox.to("petra@example.org")
        assert japanese["Subject"] == "1件の記録が確認の時期です"
        assert "Cosylab" in japanese.get_content()
        assert len(inbox.to("erika@example.org")) == 2
