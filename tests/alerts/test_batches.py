"""10,000 subscribers: the publishing request only queues; the worker sends in batches, each address once."""

import subprocess
import sys
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.utils import timezone

from alerts.models import Delivery, Subscriber, Subscription
from tests.helpers.mail import run_worker
from tests.helpers.workflow import run_action

pytestmark = pytest.mark.django_db(transaction=True)
SUBSCRIBERS = 10_000


SINK = Path(__file__).with_name("smtp_sink.py")


@contextmanager
def smtp_server_process(port, tmp_path):
    """Run smtp_sink.py on `port`; yield the list it fills, once stopped, with (connection, recipient)."""
    out = tmp_path / "received.txt"
    process = subprocess.Popen(
        [sys.executable, str(SINK), str(port), str(out)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    received = []
    try:
        assert process.stdout.readline().strip() == "ready"
        yield received
    finally:
        process.stdin.close()
        process.wait(timeout=30)
    received += [tuple(line.split()) for line in out.read_text().splitlines()]


def test_ten_thousand_subscribers_are_sent_in_batches_by_the_worker_and_never_by_the_request(
    client, editor, publisher, make_country, make_news, mail_port, settings, tmp_path
):
    settings.ALERTS_RATE_PER_SECOND = 0  # the pace is tested alone (test_mail.py)
    slovenia = make_country(name="Slovenia", iso_code="SI")
    now = timezone.now()
    Subscriber.objects.bulk_create(
        [Subscriber(email=f"reader{n}@example.org") for n in range(SUBSCRIBERS)], batch_size=2000
    )
    Subscription.objects.bulk_create(
        [
            Subscription(subscriber=subscriber, topic="country", country=slovenia, confirmed_at=now)
            for subscriber in Subscriber.objects.all()
        ],
        batch_size=2000,
    )
    story = make_news(status="draft", title="Slovenia and Japan", countries=[slovenia])
    client.force_login(editor)
    run_action(client, "submit_for_review", story, note="")
    client.force_login(publisher)
    # Nothing listens on the mail port while the story is published: the request cannot have used it.
    response = run_action(client, "publish", story, note="")
    assert response.status_code == 200
    story.refresh_from_db()
    assert story.status == "published"
    assert not Delivery.objects.exists()

    with smtp_server_process(mail_port, tmp_path) as received:
        run_worker()
        run_worker()  # nothing left to send: nothing is sent twice

    per_address = Counter(recipient for _connection, recipient in received)
    assert len(per_address) == SUBSCRIBERS and set(per_address.values()) == {1}
    per_connection = Counter(connection for connection, _recipient in received)
    assert len(per_connection) == SUBSCRIBERS // settings.ALERTS_BATCH_SIZE
    assert set(per_connection.values()) == {settings.ALERTS_BATCH_SIZE}
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == SUBSCRIBERS
