"""Subscribers, and reading the alert mails the worker sends to the test's own SMTP server."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from alerts.models import Subscriber, Subscription
from tests.helpers.mail import run_worker

SITE = "https://balkan.example"


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message):
    return message.get_body(preferencelist=("html",)).get_content()


def link_in(message, part):
    """Return the path of the first link in `message`'s text that contains `part`."""
    for url in re.findall(r"https://balkan\.example\S+", text_of(message)):
        if part in url:
            return url.removeprefix(SITE)
    raise AssertionError(f"No link with {part!r} in:\n{text_of(message)}")


def unsubscribe_path(message):
    return message["List-Unsubscribe"].strip().strip("<>").removeprefix(SITE)


def subscribe_and_confirm(inbox, email, topic, frequency="immediate", language=""):
    """Subscribe through the form, as a reader does, and confirm from the mail; return the manage page's path."""
    client = Client()
    before = len(inbox.to(email))
    response = client.post(f"{language}/alerts/", {"email": email, "topic": topic, "frequency": frequency})
    assert response.status_code == 200, response.content.decode()[:2000]
    run_worker()
    confirmation = inbox.to(email)[before]
    path = link_in(confirmation, "/alerts/confirm/")
    assert client.get(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 302
    return response["Location"]


@pytest.fixture
def make_subscription(db):
    """A confirmed subscription, made directly (for tests about sending, not subscribing)."""

    def make(email, language="en", confirmed_at=None, **fields):
        subscriber, _ = Subscriber.objects.get_or_create(email=email, defaults={"language": language})
        now = confirmed_at or timezone.now()
        fields.setdefault("topic", Subscription.Topic.EVERYTHING)
        return Subscription.objects.create(
            subscriber=subscriber, confirmed_at=now, last_digest_at=now, **fields
        )

    return make
