"""E-mail alerts: who asked for news about what, how often, and which stories each has been sent.

An address is personal data, kept only to send the alerts its owner asked
for: it is deleted with its last subscription, or at once with "delete all my
data", and the admin shows it masked (`masked()`).
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from news.models import NewsItem, tag_name


def masked(address):
    """Return `address` with all but the first letter of its local part hidden: s***@example.org."""
    local, _at, domain = address.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


class Subscriber(models.Model):
    """One e-mail address, in one language, and whether mail to it has been stopped."""

    class StopReason(models.TextChoices):
        BOUNCE = "bounce", _("Bounced")
        COMPLAINT = "complaint", _("Marked as spam")

    email = models.EmailField(_("e-mail address"), unique=True)
    # Links in the mails name a subscriber by this (signed), never by the address or its number.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # One of settings.LANGUAGES (not choices here: EXTRA_LANGUAGES would change the migration).
    language = models.CharField(_("language"), max_length=10, default="en")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    stopped_at = models.DateTimeField(_("mail stopped"), null=True, blank=True)
    stop_reason = models.CharField(
        _("why mail stopped"), max_length=10, choices=StopReason.choices, blank=True
    )

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self):
        return masked(self.email)


class SubscriptionQuerySet(models.QuerySet):
    def active(self):
        """Return the confirmed subscriptions of addresses that still take mail."""
        return self.filter(confirmed_at__isnull=False, subscriber__stopped_at__isnull=True)

    def for_story(self, story):
        """Return the subscriptions whose topic `story` is about (read its countries and tags now)."""
        Topic = Subscription.Topic
        return self.filter(
            Q(topic=Topic.EVERYTHING)
            | Q(topic=Topic.COUNTRY, country__in=story.countries.values("pk"))
            | Q(topic=Topic.TAG, tag__in=story.tags.values("pk"))
            | Q(topic=Topic.KIND, kind=story.kind)
        )


class Subscription(models.Model):
    """Alerts about one topic (everything, a country, a tag or a kind of story), at one frequency."""

    class Topic(models.TextChoices):
        EVERYTHING = "everything", _("All news")
        COUNTRY = "country", _("A country")
        TAG = "tag", _("A tag")
        KIND = "kind", _("A kind of story")

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("As soon as a story is published")
        DAILY = "daily", _("A daily digest")
        WEEKLY = "weekly", _("A weekly digest")

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions", verbose_name=_("subscriber")
    )
    topic = models.CharField(_("topic"), max_length=12, choices=Topic.choices)
    country = models.ForeignKey(
        "countries.Country",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
    )
    tag = models.ForeignKey(
        "taggit.Tag", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("tag")
    )
    kind = models.CharField(_("kind of story"), max_length=20, choices=NewsItem.Kind.choices, blank=True)
    frequency = models.CharField(
        _("how often"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # A digest gathers the stories published since the previous one (or since confirmation).
    last_digest_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["topic", "frequency"])]

    def __str__(self):
        return f"{self.subscriber}: {self.topic_label()}"

    def topic_label(self, language=None):
        """Return what the subscription is about, for its reader ("Slovenia", "Visit", "All news")."""
        if self.topic == self.Topic.COUNTRY and self.country_id:
            return self.country.name
        if self.topic == self.Topic.TAG and self.tag_id:
            return tag_name(self.tag, language)
        if self.topic == self.Topic.KIND and self.kind:
            return str(NewsItem.Kind(self.kind).label)
        return str(self.Topic.EVERYTHING.label)

    def story_filter(self, since=None):
        """Return the condition on NewsItem of the stories this subscription asks for (published after `since`)."""
        if self.topic == self.Topic.COUNTRY:
            condition = Q(pk__in=NewsItem.objects.filter(countries=self.country_id).values("pk"))
        elif self.topic == self.Topic.TAG:
            condition = Q(pk__in=NewsItem.objects.filter(tags__pk=self.tag_id).values("pk"))
        elif self.topic == self.Topic.KIND:
            condition = Q(kind=self.kind)
        else:
            condition = Q(pk__isnull=False)  # an empty Q() would vanish when OR-ed with the others
        return condition & Q(publish_at__gt=since) if since else condition


class Delivery(models.Model):
    """A story sent (or being sent) to a subscriber: at most one per pair, whatever their subscriptions."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    story = models.ForeignKey("news.NewsItem", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # The batch (one task, one SMTP connection) that owns the row; empty until a batch claims it.
    batch = models.CharField(max_length=40, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "story"], name="alerts_one_delivery_per_story")
        ]

    def __str__(self):
        return f"{self.subscriber} – {self.story_id}"
