"""The workflow's e-mails, through a real SMTP server started here and the real task worker.

Publishers hear of a submission, the author of its approval or rejection, each
once, in their own language, with a link that opens the item; a mail server
that is down never holds up a save, and the worker tries again later.
"""

import datetime

import pytest
import time_machine
from django.utils import timezone

from tests.helpers.mail import MailServer, opens, run_worker
from tests.helpers.workflow import run_action

# The worker closes its database connection between tasks, as it should: these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)


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
