"""The site's own content (quotes, about and contact pages) and the audit log."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.richtext import RichTextField


class QuoteQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Quote(models.Model):
    text = models.TextField(_("text"))
    author = models.CharField(_("author"), max_length=200)
    is_published = models.BooleanField(_("published"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = QuoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.author}: {self.text[:50]}"


class Page(models.Model):
    """A page editable by staff, such as About or Contact."""

    class Key(models.TextChoices):
        ABOUT = "about", _("About")
        CONTACT = "contact", _("Contact")

    key = models.CharField(_("page"), max_length=20, choices=Key.choices, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=300, blank=True)
    body = RichTextField(_("body"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("site page")
        verbose_name_plural = _("site pages")
        ordering = ["key"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"balkan:{self.key}")


class AuditEntry(models.Model):
    """One thing a staff member (or someone trying to be one) did: logins and publishing."""

    class Action(models.TextChoices):
        LOGIN = "login", _("Logged in")
        LOGOUT = "logout", _("Logged out")
        LOGIN_FAILED = "login-failed", _("Failed login")
        LOCKED_OUT = "locked-out", _("Locked out")
        TWO_FACTOR_ENABLED = "2fa-enabled", _("Two-factor authentication turned on")
        TWO_FACTOR_DISABLED = "2fa-disabled", _("Two-factor authentication turned off")
        ADDED = "added", _("Added")
        CHANGED = "changed", _("Changed")
        DELETED = "deleted", _("Deleted")
        SUBMITTED = "submitted", _("Submitted for review")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("user"),
    )
    username = models.CharField(
        _("user name"), max_length=150, blank=True, help_text=_("As typed, also for failed logins.")
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices, db_index=True)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("type")
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    message = models.CharField(_("details"), max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return (
            f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.get_action_display()} {self.object_repr}".strip()
        )
