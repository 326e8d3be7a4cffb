"""Sending the alerts, in the background task worker (`manage.py db_worker`), never in a request.

A story published (or scheduled) queues `send_story` for its publish time.
When it runs, the story must still be public: one unpublished, rescheduled or
withdrawn in the meantime is not sent. It then writes one `Delivery` row for
each subscriber who asked for the story and has not had it (the row is unique
per subscriber and story: at most once, whatever their subscriptions), and
hands them out in batches of ALERTS_BATCH_SIZE, each batch a `send_batch`
task with one SMTP connection and one message per subscriber (each has its
own unsubscribe link), paced at ALERTS_RATE_PER_SECOND. A batch whose mail
server fails is tried again later with what it has not sent, up to
MAX_ATTEMPTS times. Digests are gathered by `send_digests` (see
management/commands/send_digests.py) the same way.
"""

import datetime
import logging
import smtplib
import uuid

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from news.models import NewsItem

from . import mail
from .models import Delivery, Subscriber, Subscription
from .tokens import CONFIRM_MAX_AGE

RETRY_AFTER = (60, 300, 900, 3600)  # seconds before the 2nd, 3rd, 4th and 5th attempt
MAX_ATTEMPTS = len(RETRY_AFTER) + 1
DIGEST_STORIES = 50  # the newest this many, at most, in one digest
logger = logging.getLogger(__name__)
Frequency = Subscription.Frequency
PERIODS = {Frequency.DAILY: datetime.timedelta(days=1), Frequency.WEEKLY: datetime.timedelta(days=7)}
# A digest is due a little before its full period, so a daily cron job at a fixed hour sends each one.
SLACK = datetime.timedelta(hours=1)


def schedule_story(story):
    """Queue the alerts about `story` for its publish time, once the change is committed.

    A story published longer ago than ALERTS_MAX_AGE_HOURS queues nothing (`send_story` would send nothing).
    """
    story_id, when = story.pk, story.publish_at
    if when < timezone.now() - datetime.timedelta(hours=settings.ALERTS_MAX_AGE_HOURS):
        return

    def enqueue():
        run_after = when if when > timezone.now() else None
        send_story.using(run_after=run_after).enqueue(story_id)

    transaction.on_commit(enqueue)


def _sendable_story(story_id):
    """Return the story if it is public now and recent enough for an alert, else None."""
    oldest = timezone.now() - datetime.timedelta(hours=settings.ALERTS_MAX_AGE_HOURS)
    return NewsItem.objects.published().filter(pk=story_id, publish_at__gte=oldest).first()


@task()
def send_story(story_id):
    """Write a delivery for each subscriber who asked for the story, and queue them in batches."""
    story = _sendable_story(story_id)
    if story is None:
        return "not public"
    subscribers = (
        Subscription.objects.active()
        .for_story(story)
        .filter(frequency=Frequency.IMMEDIATE)
        .exclude(subscriber__deliveries__story=story)
        .values_list("subscriber", flat=True)
        .distinct()
    )
    Delivery.objects.bulk_create(
        [Delivery(subscriber_id=pk, story=story) for pk in subscribers],
        batch_size=1000,
        ignore_conflicts=True,
    )
    batches = 0
    while True:
        # A batch claims its rows with one UPDATE: two workers running this at once never share a row.
        unclaimed = Delivery.objects.filter(story=story, status=Delivery.Status.PENDING, batch="")
        pks = list(unclaimed.order_by("pk").values_list("pk", flat=True)[: settings.ALERTS_BATCH_SIZE])
        if not pks:
            break
        key = uuid.uuid4().hex
        if unclaimed.filter(pk__in=pks).update(batch=key):
            send_batch.enqueue(key)
            batches += 1
    return f"{batches} batches"


def _open_connection():
    connection = get_connection(fail_silently=False)
    connection.open()
    return connection


def _retry_or_fail(task_function, args, attempt, pending, error):
    """Queue `task_function(*args)` again later; after MAX_ATTEMPTS, mark the `pending` deliveries failed."""
    if attempt >= MAX_ATTEMPTS:
        pending.update(status=Delivery.Status.FAILED)
        logger.error("Gave up sending alerts after %s attempts: %s", attempt, error)
        return "failed"
    later = timezone.now() + datetime.timedelta(seconds=RETRY_AFTER[attempt - 1])
    task_function.using(run_after=later).enqueue(*args, attempt + 1)
    logger.warning("Could not send alerts (attempt %s), again at %s: %s", attempt, later, error)
    return "retrying"


@task()
def send_batch(key, attempt=1):
    """Send one batch of alerts about one story over one SMTP connection; retry what the server refused."""
    pending = Delivery.objects.filter(batch=key, status=Delivery.Status.PENDING)
    deliveries = list(pending.select_related("subscriber").order_by("pk"))
    if not deliveries:
        return "nothing to send"
    story = _sendable_story(deliveries[0].story_id)
    if story is None:
        pending.delete()  # not sent, so a story published again later may still be
        return "not public"
    # Read again now: whoever left since the batch was made is not written to.
    causes = {}
    for subscription in (
        Subscription.objects.active()
        .for_story(story)
        .filter(frequency=Frequency.IMMEDIATE, subscriber__in=[d.subscriber_id for d in deliveries])
        .select_related("country", "tag__translation")
    ):
        causes.setdefault(subscription.subscriber_id, []).append(subscription)
    gone = [d.pk for d in deliveries if d.subscriber_id not in causes]
    Delivery.objects.filter(pk__in=gone).delete()
    sent, refused = [], []
    pacer = mail.Pacer(settings.ALERTS_RATE_PER_SECOND)
    rendered = {}
    try:
        connection = _open_connection()
        try:
            for delivery in deliveries:
                if delivery.pk in gone:
                    continue
                pacer.wait()
                message = mail.story_alert(
                    delivery.subscriber, story, causes[delivery.subscriber_id], connection, rendered
                )
                try:
                    message.send()
                except smtplib.SMTPRecipientsRefused:
                    refused.append(delivery.pk)
                    continue
                sent.append(delivery.pk)
        finally:
            connection.close()
    except (smtplib.SMTPException, OSError) as error:
        return _retry_or_fail(send_batch, (key,), attempt, _mark(sent, refused, pending), error)
    _mark(sent, refused, pending)
    return f"{len(sent)} sent"


def _mark(sent, refused, pending):
    now = timezone.now()
    Delivery.objects.filter(pk__in=sent).update(status=Delivery.Status.SENT, sent_at=now)
    Delivery.objects.filter(pk__in=refused).update(status=Delivery.Status.FAILED)
    return pending.exclude(pk__in=sent + refused)


def due_digests(frequency, now=None):
    """Return the subscriptions of `frequency` whose digest is due."""
    now = now or timezone.now()
    return Subscription.objects.active().filter(
        frequency=frequency, last_digest_at__lte=now - PERIODS[frequency] + SLACK
    )


def queue_digests(now=None):
    """Queue the digests that are due, in batches of ALERTS_BATCH_SIZE subscribers; return how many."""
    count = 0
    for frequency in PERIODS:
        subscribers = list(
            due_digests(frequency, now).order_by("subscriber").values_list("subscriber", flat=True).distinct()
        )
        size = settings.ALERTS_BATCH_SIZE
        for start in range(0, len(subscribers), size):
            send_digests.enqueue(subscribers[start : start + size], frequency)
        count += len(subscribers)
    return count


@task()
def send_digests(subscriber_ids, frequency, attempt=1):
    """Send each subscriber's digest of `frequency` over one SMTP connection (those still due)."""
    now = timezone.now()
    weekly = frequency == Frequency.WEEKLY
    subscribers = Subscriber.objects.filter(pk__in=subscriber_ids, stopped_at__isnull=True).order_by("pk")
    done = []
    connection = None
    try:
        for subscriber in subscribers:
            subscriptions = list(
                due_digests(frequency, now)
                .filter(subscriber=subscriber)
                .select_related("country", "tag__translation")
            )
            if not subscriptions:
                done.append(subscriber.pk)
                continue
            wanted = Q()
            for subscription in subscriptions:
                wanted |= subscription.story_filter(since=subscription.last_digest_at)
            stories = list(
                NewsItem.objects.published()
                .filter(wanted)
                .exclude(pk__in=Delivery.objects.filter(subscriber=subscriber).values("story"))
                .order_by("-publish_at", "-pk")[:DIGEST_STORIES]
            )
            key = uuid.uuid4().hex
            if stories:
                Delivery.objects.bulk_create(
                    [Delivery(subscriber=subscriber, story=story, batch=key) for story in stories],
                    ignore_conflicts=True,
                )
                # Rows another task wrote first (a race with an immediate alert) stay theirs.
                mine = set(Delivery.objects.filter(batch=key).values_list("story", flat=True))
                stories = [story for story in stories if story.pk in mine]
            if stories:
                if connection is None:
                    connection = _open_connection()
                try:
                    mail.digest(subscriber, stories, subscriptions, weekly, connection).send()
                except smtplib.SMTPRecipientsRefused:
                    Delivery.objects.filter(batch=key).update(status=Delivery.Status.FAILED)
                except BaseException:
                    Delivery.objects.filter(
                        batch=key
                    ).delete()  # not sent: the next attempt gathers them again
                    raise
                else:
                    Delivery.objects.filter(batch=key).update(status=Delivery.Status.SENT, sent_at=now)
            Subscription.objects.filter(pk__in=[s.pk for s in subscriptions]).update(last_digest_at=now)
            done.append(subscriber.pk)
    except (smtplib.SMTPException, OSError) as error:
        rest = [pk for pk in subscriber_ids if pk not in done]
        return _retry_or_fail(send_digests, (rest, frequency), attempt, Delivery.objects.none(), error)
    finally:
        if connection is not None:
            connection.close()
    return f"{len(done)} done"


@task()
def send_confirmation(subscriber_id, attempt=1):
    """Send the double opt-in message listing the subscriptions waiting for confirmation."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return "gone"
    waiting = list(
        subscriber.subscriptions.filter(confirmed_at__isnull=True).select_related(
            "country", "tag__translation"
        )
    )
    if not waiting:
        return "nothing to confirm"
    try:
        mail.confirmation(subscriber, waiting).send()
    except (smtplib.SMTPException, OSError) as error:
        return _retry_or_fail(send_confirmation, (subscriber_id,), attempt, Delivery.objects.none(), error)
    return "sent"


def forget_unconfirmed(now=None):
    """Delete subscriptions never confirmed within a week, and addresses left with none."""
    now = now or timezone.now()
    Subscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - datetime.timedelta(seconds=CONFIRM_MAX_AGE)
    ).delete()
    Subscriber.objects.filter(subscriptions__isnull=True).delete()
