"""The same review rules for every kind of content: submit, approve, reject, force-publish.

Editors submit; only publishers approve (publish or schedule), reject and
unpublish. Four eyes: a publisher cannot approve an item nobody else has
submitted to them (their own submission, or a draft nobody submitted) unless
they force-publish it with a stated reason, which is recorded on the item
(a `WorkflowEvent` awaiting confirmation) and in the audit log.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from news.models import NewsItem, can_publish
from staff import audit

from . import notifications
from .models import WorkflowEvent

Action = WorkflowEvent.Action


def is_publisher(user):
    return can_publish(user)


def require_publisher(user):
    if not is_publisher(user):
        raise PermissionDenied(_("Only publishers may publish, approve, reject or unpublish."))


def second_pair_of_eyes_problem(item, user):
    """Return why `user` may not approve `item` without force-publishing it, or "" when they may."""
    if item.status != NewsItem.Status.REVIEW or item.submitted_by_id is None:
        return _("Nobody has submitted it for review.")
    if item.submitted_by_id == user.pk:
        return _("You submitted it yourself; another publisher must approve it.")
    return ""


AUDITED = {
    Action.SUBMITTED: audit.Action.SUBMITTED,
    Action.APPROVED: audit.Action.PUBLISHED,
    Action.FORCE_PUBLISHED: audit.Action.PUBLISHED,
    Action.REJECTED: audit.Action.UNPUBLISHED,
    Action.UNPUBLISHED: audit.Action.UNPUBLISHED,
}
# Steps whose reason the audit log must show even where the status change itself is logged elsewhere.
AUDIT_ALWAYS = {Action.FORCE_PUBLISHED, Action.REJECTED}


def audit_message(action, note):
    if action == Action.FORCE_PUBLISHED:
        return _("Force-published without a second review: %(reason)s") % {"reason": note}
    if action == Action.REJECTED:
        return _("Rejected: %(note)s") % {"note": note}
    label = WorkflowEvent.Action(action).label
    return f"{label}: {note}" if note else str(label)


def record(user, item, action, note="", *, request=None, audit_every_step=True):
    """Add `action` with its note to the item's workflow steps and to the audit log.

    The admin form's save logs the status change itself: it passes
    `audit_every_step=False`, and only a force-publication's or a rejection's
    reason is added.
    """
    from django.contrib.contenttypes.models import ContentType

    event = WorkflowEvent.objects.create(
        content_type=ContentType.objects.get_for_model(type(item)),
        object_id=str(item.pk),
        object_repr=str(item)[:200],
        action=action,
        note=note,
        user=user,
    )
    if action in AUDIT_ALWAYS or (audit_every_step and action in AUDITED):
        audit.record(user, AUDITED[action], item, request=request, message=audit_message(action, note))
    notifications.notify(event)
    return event


def check_transition(item, user, status, *, note="", force_reason=""):
    """Check moving `item` (as stored) to `status`; return the workflow step it is, or None.

    Raises ValidationError, naming the form field at fault, when the move breaks a rule.
    """
    previous = item.status if item.pk else None
    if status == previous:
        return None
    if status == NewsItem.Status.REVIEW:
        return Action.SUBMITTED
    if status == NewsItem.Status.PUBLISHED:
        require_publisher(user)
        problem = (
            second_pair_of_eyes_problem(item, user) if item.pk else _("Nobody has submitted it for review.")
        )
        if not problem:
            return Action.APPROVED
        if not force_reason.strip():
            raise ValidationError(
                {
                    "force_reason": _(
                        "%(problem)s To publish it anyway, state why it cannot wait for a second review."
                    )
                    % {"problem": problem}
                }
            )
        return Action.FORCE_PUBLISHED
    if previous == NewsItem.Status.REVIEW and status == NewsItem.Status.DRAFT and is_publisher(user):
        if item.submitted_by_id == user.pk:
            return None  # taking back one's own submission
        if not note.strip():
            raise ValidationError({"workflow_note": _("Say why it is rejected: the author will read it.")})
        return Action.REJECTED
    if previous == NewsItem.Status.PUBLISHED:
        return Action.UNPUBLISHED
    return None


@transaction.atomic
def submit(item, user, note="", *, request=None):
    item.submit(user)
    item._history_user = user
    item.save()
    return record(user, item, Action.SUBMITTED, note, request=request)


@transaction.atomic
def approve(item, user, note="", *, request=None):
    """Publish (or schedule) an item another person submitted."""
    require_publisher(user)
    problem = second_pair_of_eyes_problem(item, user)
    if problem:
        raise PermissionDenied(problem)
    item.publish(user)
    item._history_user = user
    item.save()
    return record(user, item, Action.APPROVED, note, request=request)


@transaction.atomic
def force_publish(item, user, reason, *, request=None):
    """Publish without a second review; the reason is kept for another publisher to confirm."""
    require_publisher(user)
    if not reason.strip():
        raise ValidationError(_("State why it cannot wait for a second review."))
    item.publish(user)
    item._history_user = user
    item.save()
    return record(user, item, Action.FORCE_PUBLISHED, reason, request=request)


@transaction.atomic
def reject(item, user, note, *, request=None):
    """Send an item in review back to its author as a draft, with the reason."""
    require_publisher(user)
    if item.status != NewsItem.Status.REVIEW:
        raise ValidationError(_("Only items in review can be rejected."))
    if not note.strip():
        raise ValidationError(_("Say why it is rejected: the author will read it."))
    item.status = NewsItem.Status.DRAFT
    item._history_user = user
    item.save()
    return record(user, item, Action.REJECTED, note, request=request)


@transaction.atomic
def confirm_force_publication(event, user):
    """Record that a second publisher checked a force-published item."""
    require_publisher(user)
    if event.user_id == user.pk:
        raise PermissionDenied(_("Another publisher must confirm your force-publication."))
    if not event.awaits_confirmation:
        raise ValidationError(_("It has been confirmed already."))
    event.confirmed_by, event.confirmed_at = user, timezone.now()
    event.save(update_fields=["confirmed_by", "confirmed_at"])
    return event


# Content with a published flag (countries, partners, chronology entries) has no
# status of its own: whether it waits for review is its latest workflow step.
FLAG = "is_published"


def has_flag(item):
    return not hasattr(item, "status") and hasattr(item, FLAG)


def pending_submission(item):
    """Return the submission of a flagged item that no approval or rejection has answered yet, or None."""
    if not item.pk:
        return None
    latest = WorkflowEvent.objects.for_object(item).first()
    return latest if latest is not None and latest.action == Action.SUBMITTED else None


def flag_problem(item, user):
    submission = pending_submission(item)
    if submission is None:
        return _("Nobody has submitted it for review.")
    if submission.user_id == user.pk:
        return _("You submitted it yourself; another publisher must approve it.")
    return ""


def check_flag_change(item, user, published, *, note="", force_reason=""):
    """Check setting the published flag of `item` (as stored) to `published`; return the step, or None."""
    before = bool(item.pk and getattr(item, FLAG))
    if published == before:
        return None
    require_publisher(user)
    if not published:
        return Action.UNPUBLISHED
    problem = flag_problem(item, user)
    if not problem:
        return Action.APPROVED
    if not force_reason.strip():
        raise ValidationError(
            {
                "force_reason": _(
                    "%(problem)s To publish it anyway, state why it cannot wait for a second review."
                )
                % {"problem": problem}
            }
        )
    return Action.FORCE_PUBLISHED


def _set_flag(item, user, value):
    setattr(item, FLAG, value)
    item._history_user = user
    item.save()


@transaction.atomic
def submit_flagged(item, user, note="", *, request=None):
    if getattr(item, FLAG):
        raise ValidationError(_("It is published already."))
    if pending_submission(item) is not None:
        raise ValidationError(_("It is in review already."))
    return record(user, item, Action.SUBMITTED, note, request=request)


@transaction.atomic
def approve_flagged(item, user, note="", *, request=None):
    require_publisher(user)
    if getattr(item, FLAG):
        raise ValidationError(_("It is published already."))
    problem = flag_problem(item, user)
    if problem:
        raise PermissionDenied(problem)
    _set_flag(item, user, True)
    return record(user, item, Action.APPROVED, note, request=request)


@transaction.atomic
def force_publish_flagged(item, user, reason, *, request=None):
    require_publisher(user)
    if not reason.strip():
        raise ValidationError(_("State why it cannot wait for a second review."))
    if getattr(item, FLAG):
        raise ValidationError(_("It is published already."))
    _set_flag(item, user, True)
    return record(user, item, Action.FORCE_PUBLISHED, reason, request=request)


@transaction.atomic
def reject_flagged(item, user, note, *, request=None):
    require_publisher(user)
    if pending_submission(item) is None:
        raise ValidationError(_("Only items in review can be rejected."))
    if not note.strip():
        raise ValidationError(_("Say why it is rejected: the author will read it."))
    return record(user, item, Action.REJECTED, note, request=request)


@transaction.atomic
def unpublish_flagged(item, user, note="", *, request=None):
    require_publisher(user)
    if not getattr(item, FLAG):
        raise ValidationError(_("It is not published."))
    _set_flag(item, user, False)
    return record(user, item, Action.UNPUBLISHED, note, request=request)
