"""Facts that go stale: which countries and partners are due for review, and reminding the staff responsible.

A record is due on its review-by date, or, without one, REVIEW_EVERY_DAYS
after its last change. `manage.py remind_reviews` (daily, from cron) sends each
person responsible one e-mail listing what is due: the last person who changed
the record, or every publisher when nobody on the staff did; a record is
mentioned again only every REMIND_EVERY_DAYS until someone sets its next date.
The admin's front page lists the same records (`workflow.dashboard`).
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from countries.models import Country
from partners.models import PartnerOrganisation

from .models import ReviewReminder
from .notifications import publishers, reachable_staff, send_review_reminder

REVIEWED = (Country, PartnerOrganisation)
REMIND_EVERY_DAYS = 7


def due(model):
    """Return the records of `model` due for review, the longest overdue first."""
    stale = timezone.now() - datetime.timedelta(days=settings.REVIEW_EVERY_DAYS)
    return model._default_manager.filter(
        Q(review_by__lte=timezone.localdate()) | Q(review_by__isnull=True, updated_at__lt=stale)
    ).order_by(F("review_by").asc(nulls_first=True), "updated_at")


def responsible(record, staff, fallback):
    """Return who should check `record`: whoever in `staff` ({pk: user}) changed it last, else `fallback`."""
    latest = record.history.order_by("-history_date").values_list("history_user", flat=True).first()
    return [staff[latest]] if latest in staff else fallback


def remind():
    """Queue one reminder per responsible person for the records due; return how many people."""
    staff = {user.pk: user for user in reachable_staff()}
    everyone = publishers(staff.values())
    recently = timezone.now() - datetime.timedelta(days=REMIND_EVERY_DAYS)
    lists = {}
    for model in REVIEWED:
        content_type = ContentType.objects.get_for_model(model)
        reminded = set(
            ReviewReminder.objects.filter(content_type=content_type, sent_at__gt=recently).values_list(
                "object_id", flat=True
            )
        )
        opts = model._meta
        for record in due(model):
            if str(record.pk) in reminded:
                continue
            path = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
            item = [str(record), record.review_by.isoformat() if record.review_by else "", path]
            for user in responsible(record, staff, everyone):
                lists.setdefault(user.pk, []).append(item)
            ReviewReminder.objects.update_or_create(
                content_type=content_type, object_id=str(record.pk), defaults={"sent_at": timezone.now()}
            )
    for user_id, items in lists.items():
        send_review_reminder.enqueue(user_id, items)
    return len(lists)
