"""The alerts, end to end: a real SMTP server started here, the real task worker, the real request stack.

Subscribe, confirm from the mail, publish a story about Slovenia through the
review workflow: exactly one alert reaches Slovenia's subscribers and none
anyone else, each in their language, with one-click unsubscription that then
stops the mail. A story unpublished before its send is not sent; the request
that publishes never waits on a mail server.
"""

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from alerts.models import Delivery, Subscriber
from tests.helpers.mail import MailServer, run_worker
from tests.helpers.workflow import run_action

from .conftest import html_of, subscribe_and_confirm, text_of, unsubscribe_path

# The worker closes its database connection between tasks: these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)


def publish(client, editor, publisher, story):
    """Publish `story` as the newsroom does: an editor submits it, a publisher approves it."""
    client.force_login(editor)
    assert run_action(client, "submit_for_review", story, note="").status_code == 200
    client.force_login(publisher)
    response = run_action(client, "publish", story, note="")
    assert response.status_code == 200
    story.refresh_from_db()
    assert story.status == "published"
    return response


def test_subscribe_confirm_publish_one_alert_then_one_click_unsubscribe_stops_the_mail(
    client, editor, publisher, make_country, make_news, mail_port
):
    slovenia = make_country(name="Slovenia", iso_code="SI")
    croatia = make_country(name="Croatia", iso_code="HR")
    with MailServer(mail_port) as inbox:
        subscribe_and_confirm(inbox, "ana@example.org", "country:slovenia")
        subscribe_and_confirm(inbox, "kenji@example.jp", "country:slovenia", language="/ja")
        subscribe_and_confirm(inbox, "hrvoje@example.org", "country:croatia")
        [confirmation] = inbox.to("ana@example.org")
        assert confirmation["Subject"] == "Please confirm your e-mail alerts"
        assert "Slovenia" in text_of(confirmation)
        assert "List-Unsubscribe" not in confirmation  # nothing to leave before confirming
        assert inbox.to("kenji@example.jp")[0]["Subject"].strip() == "メールアラートの登録を確認してください"
        confirmations = len(inbox.messages)

        story = make_news(status="draft", title="Slovenian minister visits Tokyo", countries=[slovenia])
        publish(client, editor, publisher, story)
        assert len(inbox.messages) == confirmations  # the request only queued the alerts
        run_worker()

        [alert] = inbox.to("ana@example.org")[1:]
        [japanese] = inbox.to("kenji@example.jp")[1:]
        assert inbox.to("hrvoje@example.org")[1:] == []
        assert len(inbox.messages) == confirmations + 2
        assert alert["Subject"] == "Slovenian minister visits Tokyo"
        assert "https://balkan.example/news/" in text_of(alert)
        assert "Slovenian minister visits Tokyo" in html_of(alert)
        assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert unsubscribe_path(alert).startswith("/alerts/unsubscribe/")
        assert "続きを読む" in text_of(japanese)
        assert "https://balkan.example/ja/news/" in text_of(japanese)
        assert unsubscribe_path(japanese).startswith("/ja/alerts/unsubscribe/")

        # The story saved again, and the worker run again: still one alert each.
        story.refresh_from_db()
        story.summary = "Updated."
        story.save()
        run_worker()
        assert len(inbox.messages) == confirmations + 2

        # One click in the mail client: a POST, with neither session nor CSRF token.
        mail_client = Client(enforce_csrf_checks=True)
        response = mail_client.post(unsubscribe_path(alert), {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
        assert not Subscriber.objects.filter(email="ana@example.org").exists()  # nothing else kept

        second = make_news(status="draft", title="Slovenian students in Osaka", countries=[slovenia, croatia])
        publish(client, editor, publisher, second)
        run_worker()
        assert inbox.to("ana@example.org")[1:] == [alert]
        assert len(inbox.to("kenji@example.jp")) == 3
        assert len(inbox.to("hrvoje@example.org")) == 2


def test_a_subscriber_of_several_matching_topics_gets_each_story_once(
    make_country, make_news, make_subscription, mail_port
):
    slovenia = make_country(name="Slovenia", iso_code="SI")
    for fields in (
        {"topic": "everything"},
        {"topic": "country", "country": slovenia},
        {"topic": "kind", "kind": "visit"},
    ):
        make_subscription("ana@example.org", **fields)
    with MailServer(mail_port) as inbox:
        make_news(title="Visit to Ljubljana", kind="visit", countries=[slovenia], publish_at=timezone.now())
        run_worker()
        [alert] = inbox.to("ana@example.org")
        assert "Slovenia" in text_of(alert) and "Visit" in text_of(alert)  # why they get it


def test_a_story_unpublished_before_the_send_is_not_sent(
    client, editor, publisher, make_country, make_news, make_subscription, mail_port
):
    slovenia = make_country(name="Slovenia", iso_code="SI")
    make_subscription("ana@example.org", topic="country", country=slovenia)
    with MailServer(mail_port) as inbox:
        story = make_news(status="draft", title="Not for now", countries=[slovenia])
        publish(client, editor, publisher, story)
        run_action(client, "unpublish", story, note="Published by mistake.")
        story.refresh_from_db()
        assert story.status != "published"
        run_worker()
        assert inbox.messages == []
        assert not Delivery.objects.exists()

        # Scheduled for an hour from now, then taken back before the hour.
        later = make_news(
            status="published",
            title="Later",
            countries=[slovenia],
            publish_at=timezone.now() + datetime.timedelta(hours=1),
        )
        run_worker()
        assert inbox.messages == []  # not before its time
        later.status = "draft"
        later.save()
        with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
            run_worker()
        assert inbox.messages == []

        # Scheduled and left alone: sent at its time.
        make_news(
            title="Scheduled", countries=[slovenia], publish_at=timezone.now() + datetime.timedelta(hours=1)
        )
        run_worker()
        assert inbox.messages == []
        with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
            run_worker()
        assert [message["Subject"] for message in inbox.messages] == ["Scheduled"]


def test_a_mail_server_that_is_down_delays_the_alerts_and_the_worker_tries_again(
    make_country, make_news, make_subscription, mail_port
):
    make_subscription("ana@example.org")
    make_news(title="Sent later", publish_at=timezone.now())
    run_worker()  # nobody listens on the port: the batch is queued again
    assert Delivery.objects.get().status == Delivery.Status.PENDING
    with MailServer(mail_port) as inbox:
        run_worker()
        assert inbox.messages == []  # not before its time
        with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
            run_worker()
        assert [message["Subject"] for message in inbox.messages] == ["Sent later"]
    assert Delivery.objects.get().status == Delivery.Status.SENT


def test_an_old_story_published_again_sends_nothing(make_news, make_subscription, mail_port):
    make_subscription("ana@example.org")
    with MailServer(mail_port) as inbox:
        make_news(title="From the archive", publish_at=timezone.now() - datetime.timedelta(days=30))
        run_worker()
        assert inbox.messages == []


def test_an_address_the_provider_reports_as_bounced_gets_no_more_mail(
    client, make_news, make_subscription, mail_port, settings
):
    settings.ALERTS_WEBHOOK_SECRET = "s3cret"
    make_subscription("ana@example.org")
    make_subscription("bob@example.org")
    response = client.post(
        "/alerts/webhook/",
        {"type": "bounce", "email": "bob@example.org"},
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer s3cret",
    )
    assert response.json() == {"stopped": 1}
    with MailServer(mail_port) as inbox:
        make_news(title="Only for Ana", publish_at=timezone.now())
        run_worker()
        assert [message["To"] for message in inbox.messages] == ["ana@example.org"]
