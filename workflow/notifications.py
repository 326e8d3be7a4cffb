"""Who hears of a workflow step by e-mail, in their own language, sent by the background task worker.

A submission is sent to every publisher but its author; an approval, a
rejection (with its reason), a force-publication and an unpublishing to
whoever submitted the item, unless they took the step themselves. The steps
are recorded by `services.record()`, which calls `notify()`: each message is a
task (`send_step`) queued once the change is committed, so a save never waits
for a mail server. The worker (`manage.py db_worker`, django-tasks with its
database backend) sends it; when the server refuses or cannot be reached, the
task queues itself again after RETRY_AFTER seconds, up to MAX_ATTEMPTS times,
and then fails where the task results show it. The admin's front page shows
the same steps (`workflow.dashboard`).
"""

import datetime
import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from core.linked_data import absolute

from .models import StaffPreference, WorkflowEvent

Action = WorkflowEvent.Action
RETRY_AFTER = (60, 300, 900, 3600)  # seconds before the 2nd, 3rd, 4th and 5th attempt
MAX_ATTEMPTS = len(RETRY_AFTER) + 1
logger = logging.getLogger(__name__)
SUBJECTS = {
    Action.SUBMITTED: lambda: _("Waiting for your review: %(item)s"),
    Action.APPROVED: lambda: _("Approved and published: %(item)s"),
    Action.REJECTED: lambda: _("Sent back to you: %(item)s"),
    Action.FORCE_PUBLISHED: lambda: _("Published without a second review: %(item)s"),
    Action.UNPUBLISHED: lambda: _("Unpublished: %(item)s"),
}


def reachable_staff():
    """Return the staff the workflow may write to: active, with an e-mail address."""
    return get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="").order_by("pk")


def publishers(staff):
    """Return the publishers among `staff`."""
    from .services import is_publisher

    return [user for user in staff if is_publisher(user)]


def recipients(event):
    """Return the staff who should hear of `event`: active, with an e-mail address, never its author."""
    staff = reachable_staff()
    if event.user_id:
        staff = staff.exclude(pk=event.user_id)
    if event.action == Action.SUBMITTED:
        return publishers(staff)
    submitted = (
        WorkflowEvent.objects.filter(
            content_type=event.content_type_id, object_id=event.object_id, action=Action.SUBMITTED
        )
        .exclude(pk=event.pk)
        .order_by("-at", "-pk")
        .values_list("user", flat=True)
        .first()
    )
    return list(staff.filter(pk=submitted)) if submitted else []


def notify(event):
    """Queue one message to each person who should hear of `event`, once its transaction commits."""

    def enqueue():
        for user in recipients(event):
            send_step.enqueue(event.pk, user.pk)

    transaction.on_commit(enqueue)


def language_of(user):
    preference = StaffPreference.objects.filter(user=user).first()
    return preference.language if preference else settings.LANGUAGE_CODE


def compose(event, user):
    """Return (subject, body) of the message about `event` for `user`, in the active language."""
    item = event.object_repr
    try:
        link = absolute(
            reverse(
                f"admin:{event.content_type.app_label}_{event.content_type.model}_change",
                args=[event.object_id],
            )
        )
    except NoReverseMatch:
        link = absolute(reverse("admin:index"))
    who = event.user.get_full_name() or event.user.get_username() if event.user else _("Someone")
    lines = [
        _("%(who)s: %(step)s") % {"who": who, "step": Action(event.action).label},
        f"“{item}”",
        "",
    ]
    if event.note:
        lines += [_("Note: %(note)s") % {"note": event.note}, ""]
    lines += [_("Open it: %(link)s") % {"link": link}, "", _("Japan–Balkan Network")]
    return SUBJECTS[event.action]() % {"item": item}, "\n".join(lines)


def _send_or_retry(task, args, attempt, user, subject, body):
    """Send one message; when the mail server fails, queue `task` with `args` again later (or give up)."""
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    except (smtplib.SMTPException, OSError) as error:
        if attempt >= MAX_ATTEMPTS:
            logger.error(
                "Gave up sending %r to %s after %s attempts: %s", subject, user.email, attempt, error
            )
            raise
        later = timezone.now() + datetime.timedelta(seconds=RETRY_AFTER[attempt - 1])
        task.using(run_after=later).enqueue(*args, attempt + 1)
        logger.warning(
            "Could not send %r to %s (attempt %s), again at %s: %s",
            subject,
            user.email,
            attempt,
            later,
            error,
        )
        return "retrying"
    return "sent"


def _staff(user_id):
    return reachable_staff().filter(pk=user_id).first()


@task()
def send_step(event_id, user_id, attempt=1):
    """Send the message about one workflow step to one person; on a mail failure, try again later."""
    event = WorkflowEvent.objects.select_related("content_type", "user").filter(pk=event_id).first()
    user = _staff(user_id)
    if event is None or user is None:
        return "nobody to tell"
    with translation.override(language_of(user)):
        subject, body = compose(event, user)
    return _send_or_retry(send_step, (event_id, user_id), attempt, user, subject, body)


@task()
def send_review_reminder(user_id, items, attempt=1):
    """Remind one person of the records due for review: `items` are [label, review-by ISO date or "", admin path]."""
    user = _staff(user_id)
    if user is None or not items:
        return "nobody to tell"
    with translation.override(language_of(user)):
        subject = ngettext(
            "%(count)s record is due for review", "%(count)s records are due for review", len(items)
        ) % {"count": len(items)}
        lines = [_("These records' facts should be checked again, then given their next review-by date:"), ""]
        for label, due_on, path in items:
            when = (
                date_format(datetime.date.fromisoformat(due_on))
                if due_on
                else _("no date, unchanged for a year")
            )
            lines += [f"- {label} ({when})", f"  {absolute(path)}"]
        lines += ["", _("Japan–Balkan Network")]
    return _send_or_retry(send_review_reminder, (user_id, items), attempt, user, subject, "\n".join(lines))
