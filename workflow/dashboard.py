"""The workflow's lists on the admin's front page: what awaits a publisher, and what came back to its author.

Each list costs two queries, whatever the amount of content.
"""

from django.db.models import Exists, F, OuterRef, Subquery
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from staff.attention import SHOWN, Attention, Item, add_records, can_change

from . import links, services
from .models import LinkCheck, WorkflowEvent
from .reviews import REVIEWED, due

Action = WorkflowEvent.Action


def latest_steps():
    """Return the workflow steps that are the latest of their item."""
    newest = WorkflowEvent.objects.filter(
        content_type=OuterRef("content_type"), object_id=OuterRef("object_id")
    ).order_by("-at", "-pk")
    return (
        WorkflowEvent.objects.annotate(newest=Subquery(newest.values("pk")[:1]))
        .filter(pk=F("newest"))
        .select_related("content_type", "user")
    )


def item_url(event):
    try:
        return reverse(
            f"admin:{event.content_type.app_label}_{event.content_type.model}_change", args=[event.object_id]
        )
    except NoReverseMatch:
        return ""


def _fill(attention, events, note):
    attention.count = events.count()
    attention.items = [Item(event.object_repr, item_url(event), note(event)) for event in events[:SHOWN]]
    attention.links = [(_("All workflow steps"), reverse("admin:workflow_workflowevent_changelist"))]
    return attention


def awaiting_approval(user):
    if not services.is_publisher(user):
        return None
    attention = Attention(
        "awaiting-approval",
        _("Awaiting your approval"),
        _("Submitted by someone else: approve and publish it, or reject it with a reason."),
    )
    events = latest_steps().filter(action=Action.SUBMITTED).exclude(user=user).order_by("at")
    return _fill(attention, events, lambda event: f"{event.user or '—'}: {event.note}".strip(": "))


def returned_to_author(user):
    attention = Attention(
        "returned",
        _("Sent back to you"),
        _("A publisher rejected what you submitted; the reason is beside it and on the item."),
    )
    mine = WorkflowEvent.objects.filter(
        content_type=OuterRef("content_type"),
        object_id=OuterRef("object_id"),
        action=Action.SUBMITTED,
        user=user,
    )
    events = latest_steps().filter(Exists(mine), action=Action.REJECTED).order_by("-at")
    return _fill(attention, events, lambda event: event.note)


def force_publications_to_confirm(user):
    if not services.is_publisher(user):
        return None
    attention = Attention(
        "force-published",
        _("Force-publications to confirm"),
        _("Published without a second review; check each and confirm it in the workflow steps."),
    )
    events = (
        WorkflowEvent.objects.awaiting_confirmation()
        .exclude(user=user)
        .select_related("content_type", "user")
    )
    return _fill(attention, events.order_by("at"), lambda event: f"{event.user or '—'}: {event.note}")


def broken_links(user):
    """The external addresses that failed when last checked, each with the page where it is fixed."""
    attention = Attention(
        "broken-links",
        _("Broken links"),
        _("Addresses on the site that did not answer properly when last checked: correct or remove them."),
    )
    broken = LinkCheck.objects.filter(ok=False).order_by("url")
    attention.count = broken.count()
    attention.items = []
    for check in broken[:SHOWN]:
        places = links.where(check)
        note = " · ".join([links.explain(check), *(label for label, _url in places)])
        attention.items.append(Item(check.url, places[0][1] if places else "", note))
    attention.links = [
        (_("All checked links"), reverse("admin:workflow_linkcheck_changelist") + "?ok__exact=0")
    ]
    return attention


def due_for_review(user):
    """Countries and partners whose review-by date has come, or that nobody changed for REVIEW_EVERY_DAYS."""
    attention = Attention(
        "review-by",
        _("Due for review"),
        _("Check these records' facts (figures, addresses, websites), then set their next review-by date."),
    )
    for model in REVIEWED:
        if not can_change(user, model):
            continue
        records = list(due(model))
        for record in records:
            if record.review_by:
                record.attention_note = _("review by %(date)s") % {"date": date_format(record.review_by)}
            else:
                changed = date_format(timezone.localdate(record.updated_at))
                record.attention_note = _("last changed %(date)s") % {"date": changed}
        add_records(attention, model, records)
    return attention


def workflow_lists(user):
    lists = [
        awaiting_approval(user),
        returned_to_author(user),
        force_publications_to_confirm(user),
        broken_links(user),
        due_for_review(user),
    ]
    return [attention for attention in lists if attention is not None and attention.count]
