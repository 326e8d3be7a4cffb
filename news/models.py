"""News items: stories, events, visits and statements, with their photos."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from balkan.images import VerifiedImageField
from balkan.models import SlugHistoryMixin
from balkan.richtext import RichTextField


class NewsItemQuerySet(models.QuerySet):
    def published(self):
        """Return the items the public may see now: published and due."""
        return self.filter(status=NewsItem.Status.PUBLISHED, publish_at__lte=timezone.now())

    def scheduled(self):
        """Return the items that will become public by themselves when their time comes."""
        return self.filter(status=NewsItem.Status.PUBLISHED, publish_at__gt=timezone.now())

    def for_country(self, country):
        return self.filter(countries=country)

    def tagged(self, slug):
        # A semi-join, not a join: the database walks the newest items first and stops
        # after a page, instead of sorting every item with the tag.
        return self.filter(pk__in=NewsItem.objects.filter(tags__slug=slug).values("pk"))

    def for_list(self):
        """Return items with what a card shows, in as few queries as possible."""
        return self.prefetch_related("countries").order_by("-publish_at", "-pk")


class NewsItem(SlugHistoryMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        EVENT = "event", _("Event")
        VISIT = "visit", _("Visit")
        COURTESY_CALL = "courtesy-call", _("Courtesy call")
        STATEMENT = "statement", _("Statement")
        ANNOUNCEMENT = "announcement", _("Announcement")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_(
            "Part of the public address /news/<slug>/. Once published, a change redirects the old address."
        ),
    )
    summary = models.TextField(
        _("summary"),
        max_length=400,
        blank=True,
        help_text=_("The lead: one or two sentences shown on cards, in feeds and in social previews."),
    )
    body = RichTextField(_("body"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NEWS)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(
        _("publish time"),
        default=timezone.now,
        db_index=True,
        help_text=_("A time in the future schedules the item: it becomes public at that time."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="news_items",
        verbose_name=_("author"),
    )
    is_featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown first on the home page.")
    )
    hero_image = VerifiedImageField(
        _("hero image"),
        upload_to="news/%Y/%m/",
        blank=True,
        width_field="hero_width",
        height_field="hero_height",
    )
    hero_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_alt = models.CharField(
        _("hero image alt text"),
        max_length=250,
        blank=True,
        help_text=_("What the picture shows, for readers who cannot see it."),
    )
    hero_caption = models.CharField(_("hero image caption"), max_length=300, blank=True)
    hero_credit = models.CharField(
        _("hero image credit"), max_length=150, blank=True, help_text=_("e.g. “Foto: STA”.")
    )
    countries = models.ManyToManyField(
        "countries.Country",
        blank=True,
        related_name="news_items",
        verbose_name=_("countries"),
    )
    partners = models.ManyToManyField(
        "partners.PartnerOrganisation",
        blank=True,
        related_name="news_items",
        verbose_name=_("partner organisations"),
    )
    tags = TaggableManager(_("tags"), blank=True, help_text=_("Comma-separated; case does not matter."))
    source_name = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("e.g. “Ministry of Foreign Affairs of Japan”.")
    )
    source_url = models.URLField(_("source URL"), blank=True)
    event_start = models.DateField(_("event start"), null=True, blank=True)
    event_end = models.DateField(_("event end"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = NewsItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        ordering = ["-publish_at", "-pk"]
        # Public lists read these in order, from the newest, without sorting (see docs/bench.md).
        indexes = [
            models.Index(fields=["status", "-publish_at", "-id"], name="news_public_order"),
            models.Index(fields=["status", "kind", "-publish_at", "-id"], name="news_public_by_kind"),
            models.Index(
                fields=["status", "-publish_at", "-id"],
                condition=models.Q(is_featured=True),
                name="news_public_featured",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(event_end__isnull=True)
                | models.Q(event_start__isnull=True)
                | models.Q(event_end__gte=models.F("event_start")),
                name="event_end_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:detail", kwargs={"slug": self.slug})

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.event_start and self.event_end and self.event_end < self.event_start:
            raise ValidationError({"event_end": _("The event cannot end before it starts.")})
        if self.hero_image and not self.hero_alt:
            raise ValidationError({"hero_alt": _("Describe the hero image for readers who cannot see it.")})

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and self.publish_at <= timezone.now()


class NewsImage(models.Model):
    """A photo in a news item's gallery."""

    news_item = models.ForeignKey(
        NewsItem, on_delete=models.CASCADE, related_name="images", verbose_name=_("news item")
    )
    image = VerifiedImageField(
        _("image"), upload_to="news/%Y/%m/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    alt = models.CharField(
        _("alt text"), max_length=250, help_text=_("What the picture shows, for readers who cannot see it.")
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(_("credit"), max_length=150, blank=True, help_text=_("e.g. “Foto: STA”."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("gallery image")
        verbose_name_plural = _("gallery")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.caption or self.alt
