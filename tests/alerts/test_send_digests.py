"""Daily and weekly digests: `manage.py send_digests` (cron) queues them, the worker sends them.

A digest gathers the stories published since the previous one that its
subscriptions ask for and that are still public, none already sent to the
reader, and nothing when there is nothing new.
"""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from tests.helpers.mail import MailServer, run_worker

from .conftest import text_of, unsubscribe_path

pytestmark = pytest.mark.django_db(transaction=True)


def test_digests_gather_the_right_stories_once_each(
    client, make_country, make_news, make_subscription, mail_port
):
    slovenia = make_country(name="Slovenia", iso_code="SI")
    croatia = make_country(name="Croatia", iso_code="HR")
    start = timezone.now()
    make_subscription(
        "ana@example.org", topic="country", country=slovenia, frequency="daily", confirmed_at=start
    )
    make_subscription(
        "ana@example.org", topic="kind", kind="statement", frequency="weekly", confirmed_at=start
    )
    make_subscription("kenji@example.jp", language="ja", frequency="daily", confirmed_at=start)
    make_news(
        title="Before the subscription", countries=[slovenia], publish_at=start - datetime.timedelta(hours=1)
    )
    soon = start + datetime.timedelta(minutes=5)
    make_news(title="Slovenian visit", countries=[slovenia], publish_at=soon)
    make_news(title="Croatian trade", countries=[croatia], publish_at=soon)
    withdrawn = make_news(title="Withdrawn", countries=[slovenia], publish_at=soon)
    make_news(title="A statement", kind="statement", countries=[slovenia], publish_at=soon)
    with MailServer(mail_port) as inbox:
        with time_machine.travel(start + datetime.timedelta(hours=12)):
            withdrawn.status = "draft"
            withdrawn.save()
            call_command("send_digests", verbosity=0)
            run_worker()
            assert inbox.messages == []  # not a day yet
        with time_machine.travel(start + datetime.timedelta(days=1)):
            call_command("send_digests", verbosity=0)
            run_worker()
        [daily] = inbox.to("ana@example.org")
        assert daily["Subject"] == "Your daily news digest: 2 stories"
        text = text_of(daily)
        assert "Slovenian visit" in text and "A statement" in text
        assert (
            "Croatian trade" not in text and "Withdrawn" not in text and "Before the subscription" not in text
        )
        assert daily["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        [japanese] = inbox.to("kenji@example.jp")
        assert japanese["Subject"].strip() == "今日のニュースまとめ：3件"

        with time_machine.travel(start + datetime.timedelta(days=1, hours=2)):
            call_command("send_digests", verbosity=0)  # run again the same day: nothing more
            run_worker()
        assert len(inbox.messages) == 2

        make_news(title="Another statement", kind="statement", publish_at=start + datetime.timedelta(days=3))
        with time_machine.travel(start + datetime.timedelta(days=7)):
            call_command("send_digests", verbosity=0)
            run_worker()
        weekly = inbox.to("ana@example.org")[-1]
        assert weekly["Subject"] == "Your weekly news digest: 1 story"
        assert "Another statement" in text_of(weekly)
        assert "A statement" not in text_of(weekly).replace("Another statement", "")  # sent in the daily one

        # One click leaves the weekly digest only; the daily one keeps coming.
        assert client.post(unsubscribe_path(weekly), {"List-Unsubscribe": "One-Click"}).status_code == 200
        make_news(
            title="Last statement",
            kind="statement",
            countries=[slovenia],
            publish_at=start + datetime.timedelta(days=8),
        )
        with time_machine.travel(start + datetime.timedelta(days=15)):
            call_command("send_digests", verbosity=0)
            run_worker()
        assert [message["Subject"] for message in inbox.to("ana@example.org")[2:]] == [
            "Your daily news digest: 1 story"
        ]


def test_a_request_never_confirmed_is_forgotten_after_a_week(client, mail_port):
    from alerts.models import Subscriber

    client.post("/alerts/", {"email": "ana@example.org", "topic": "everything", "frequency": "daily"})
    call_command("send_digests", verbosity=0)
    assert Subscriber.objects.filter(email="ana@example.org").exists()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        call_command("send_digests", verbosity=0)
    assert not Subscriber.objects.exists()
