"""The editorial workflow's record: every submission, approval, rejection and force-publication, with its note."""

import datetime
import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WorkflowEventQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
        ).select_related("user", "confirmed_by")

    def awaiting_confirmation(self):
        """Return the force-publications no second publisher has confirmed yet."""
        return self.filter(action=WorkflowEvent.Action.FORCE_PUBLISHED, confirmed_at__isnull=True)


class WorkflowEvent(models.Model):
    """One step of an item through review, who took it, and the note they left."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted for review")
        APPROVED = "approved", _("Approved and published")
        REJECTED = "rejected", _("Rejected")
        FORCE_PUBLISHED = "force-published", _("Force-published without a second review")
        UNPUBLISHED = "unpublished", _("Unpublished")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("type"))
    object_id = models.CharField(_("object id"), max_length=64)
    content_object = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("item"), max_length=200)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices, db_index=True)
    note = models.TextField(_("note"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
        help_text=_("The second publisher who checked a force-publication afterwards."),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    objects = WorkflowEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"], name="workflow_event_object")]

    def __str__(self):
        return f"{self.get_action_display()}: {self.object_repr}"

    @property
    def awaits_confirmation(self):
        return self.action == self.Action.FORCE_PUBLISHED and self.confirmed_at is None


class EditingPresence(models.Model):
    """Who opened an item's form to edit it, and when; cleared when they save it."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("type"))
    object_id = models.CharField(_("object id"), max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    opened_at = models.DateTimeField(_("opened at"))

    class Meta:
        verbose_name = _("open editing form")
        verbose_name_plural = _("open editing forms")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "user"], name="one_presence_per_editor"
            )
        ]

    def __str__(self):
        return f"{self.user} {self.object_id}"


def _new_token():
    return secrets.token_urlsafe(24)


def _in_two_weeks():
    return timezone.now() + REVIEW_LINK_LIFETIME


REVIEW_LINK_LIFETIME = datetime.timedelta(days=14)


class ReviewLink(models.Model):
    """An address that shows one unpublished story or profile to someone without an account, for sign-off.

    On a live item it shows the change waiting over it (e.g. an embassy checks
    the new figures on its profile before they go out). It works until the item
    is published (the change approved), staff revoke it or it expires; everyone
    else, and everything else, still gets a 404.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    item = GenericForeignKey("content_type", "object_id")
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    recipient = models.CharField(
        _("for"),
        max_length=200,
        help_text=_("Who the link is for, as they will see it: “Press attaché, Embassy of Slovenia”."),
    )
    expires_at = models.DateTimeField(_("expires"), default=_in_two_weeks)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("review link")
        verbose_name_plural = _("review links")
        indexes = [models.Index(fields=["content_type", "object_id"], name="workflow_reviewlink_item")]

    def __str__(self):
        return self.recipient

    def get_absolute_url(self):
        return reverse("review", kwargs={"token": self.token})

    def is_open(self, now=None):
        """True while the link may be used: not revoked, not expired, its item there and not yet public."""
        now = now or timezone.now()
        if self.revoked_at is not None or self.expires_at <= now:
            return False
        item = self.item
        if item is None:
            return False
        # A live item's link shows the change waiting over it, while one waits.
        return not is_public(item) or self.change_waiting()

    def change_waiting(self):
        return PendingChange.objects.filter(
            content_type=self.content_type_id, object_id=self.object_id
        ).exists()


def is_public(item):
    """Whether readers already see `item` (then its review links have done their work)."""
    public = getattr(item, "is_public", None)
    if public is not None:
        return bool(public)
    return bool(getattr(item, "is_published", False))


class ReviewComment(models.Model):
    """What a reviewer wrote through a review link, kept on the item for its editors."""

    link = models.ForeignKey(ReviewLink, on_delete=models.CASCADE, related_name="comments")
    name = models.CharField(_("name"), max_length=100)
    text = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.name}: {self.text[:50]}"


class LinkCheck(models.Model):
    """The last answer of one external address the site prints (`manage.py check_links`)."""

    url = models.URLField(_("address"), max_length=500, unique=True)
    ok = models.BooleanField(_("answers"), default=True)
    status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    problem = models.CharField(
        _("problem"), max_length=300, blank=True, help_text=_("What went wrong, as a code.")
    )
    places = models.JSONField(
        _("used on"), default=list, help_text=_("[model, key, name, admin address] of each record using it.")
    )
    checked_at = models.DateTimeField(_("checked"))

    class Meta:
        verbose_name = _("link check")
        verbose_name_plural = _("link checks")
        ordering = ["url"]

    def __str__(self):
        return self.url


class StaffPreference(models.Model):
    """What a staff member chose for themselves: the language of the e-mails the workflow sends them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_preference",
        verbose_name=_("user"),
    )
    language = models.CharField(
        _("language of e-mails"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    class Meta:
        verbose_name = _("preference")
        verbose_name_plural = _("preferences")

    def __str__(self):
        return str(self.user)


class ReviewReminder(models.Model):
    """When the staff responsible for a record were last reminded that it is due for review."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_review_reminder_per_record"
            )
        ]

    def __str__(self):
        return f"{self.content_type} {self.object_id}: {self.sent_at:%Y-%m-%d}"


class PendingChange(models.Model):
    """An edit to a published item, kept aside until a publisher approves it; readers see the live version.

    `data` is the admin form exactly as its author posted it (fields and inline
    rows, each name with its list of values) and `files` the pictures uploaded
    with it, in storage under pending/. Preview and approval both feed the
    same data through the same admin form as the author's, so what goes live is
    what was previewed.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        REJECTED = "rejected", _("Sent back")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("type"))
    object_id = models.CharField(_("object id"), max_length=64)
    item = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("item"), max_length=200)
    data = models.JSONField(_("form"), default=dict)
    files = models.JSONField(_("uploaded files"), default=dict)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("last saved by"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("saved"), auto_now=True)

    class Meta:
        verbose_name = _("change waiting for review")
        verbose_name_plural = _("changes waiting for review")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_pending_change_per_item")
        ]

    def __str__(self):
        return self.object_repr
