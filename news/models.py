"""News items: stories, events, visits and statements, with their photos."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, Exists, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from core.images import HeroFocus, VerifiedImageField
from core.models import DocumentBase
from core.richtext import RichTextField
from core.slugs import SlugHistoryMixin
from pagecache import generations as g
from pagecache.fragments import complete, prefetch_when_made
from pagecache.store import remember

# Stories a country or tag gathered before these are not offered as related.
RELATED_CANDIDATES = 200


def as_cards(items):
    """Return `items` as a list for news cards: their countries are read only if a card must be made.

    A card is a piece (pagecache.fragments) kept per process until the news or the
    countries change, so a page whose cards are all kept reads no countries at all.
    """
    return prefetch_when_made(items, "countries")


def public_now():
    """The condition that a story is public now: published, due, and not yet expired."""
    now = timezone.now()
    return models.Q(
        models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now),
        status=NewsItem.Status.PUBLISHED,
        publish_at__lte=now,
    )


def scheduled_now():
    """The condition that a story is scheduled now: published, with a publish time still to come."""
    return models.Q(status=NewsItem.Status.PUBLISHED, publish_at__gt=timezone.now())


class NewsItemQuerySet(models.QuerySet):
    def published(self):
        """Return the items the public may see now: published, due, and not yet expired."""
        return self.filter(public_now())

    def withdrawn(self):
        """Return the items taken off the site by their expiry: their page says so, with the notice."""
        return self.filter(status=NewsItem.Status.PUBLISHED, expires_at__lte=timezone.now())

    def expiring(self):
        """Return the public items that will leave the site by themselves when their expiry comes."""
        return self.published().filter(expires_at__isnull=False)

    def scheduled(self):
        """Return the items that will become public by themselves when their time comes."""
        return self.filter(scheduled_now())

    def for_country(self, country):
        return self.filter(countries=country)

    def events(self):
        """Return the event stories that have a date."""
        return self.filter(kind=NewsItem.Kind.EVENT, event_start__isnull=False)

    def in_calendars(self, withdrawn_since):
        """Return the public events, and those withdrawn since `withdrawn_since` (calendars show them cancelled)."""
        return self.events().filter(public_now() | models.Q(withdrawn_at__gte=withdrawn_since))

    def ending_from(self, day):
        """Return the events that have not ended before `day`."""
        # One range on the event's last day, which an index of the public events holds: the
        # past events (nearly all of them, as stories accumulate) are never read.
        return self.alias(last_day=Coalesce("event_end", "event_start")).filter(last_day__gte=day)

    def for_tag(self, slug):
        # EXISTS, a semi-join: the database walks the newest items first and stops after a
        # page (2 ms for a tag on 5,000 of 100,000 stories), instead of collecting every
        # item with the tag and sorting them (50 ms).
        return self.filter(Exists(_tagged(tag__slug=slug)))

    def filtered(self, filters):
        """Return the items matching a validated news filter (country, kind, year, tag), as the lists read it."""
        items = self
        if "country" in filters:
            items = items.for_country(filters["country"])
        if "kind" in filters:
            items = items.filter(kind=filters["kind"])
        if "year" in filters:
            items = items.filter(publish_at__year=filters["year"])
        if "tag" in filters:
            items = items.for_tag(filters["tag"])
        return items

    def for_list(self):
        """Return items with what a card shows, in as few queries as possible."""
        return self.prefetch_related("countries").order_by("-publish_at", "-pk")

    def for_cards(self):
        """Return items for {% piece "news/_card.html" %}, newest first; list them with `as_cards`."""
        return self.order_by("-publish_at", "-pk")

    def related_to(self, item, limit=3, links=None):
        """Return up to `limit` published items sharing the most countries and tags with `item`, newest first.

        Which ones is worked out once per change to the published news (the
        "news" generation of the page cache) and kept; a page then costs one
        query for the items themselves (their countries are read only if their
        cards must be made). `links` is `item.links()`, if the caller has it.
        """
        links = links or item.links()
        country_ids = sorted(pk for pk, _slug in links["countries"])
        tag_ids = sorted(links["tags"])
        if not country_ids and not tag_ids:
            return []
        key = f"news-related:{item.pk}:{limit}:{country_ids}:{tag_ids}"
        public = self.published()
        pks = remember(key, [g.NEWS], lambda: public.ranked_related(item, country_ids, tag_ids, limit))
        found = {story.pk: story for story in public.filter(pk__in=pks)}
        return as_cards(found[pk] for pk in pks if pk in found)

    def ranked_related(self, item, country_ids, tag_ids, limit):
        """Return the pks of the items of this queryset most related to `item` (see related_to).

        Only the newest RELATED_CANDIDATES items sharing a country and the newest
        sharing a tag are ranked, each set found by a query of its own (one index
        walk, stopped at the limit), so its cost stays bounded however many
        stories a country or tag gathers: asked as one query with an OR of the
        two, the planner read every story-country link when one country had
        every story.
        """
        candidates = set()
        for query in self.related_candidates(item, country_ids, tag_ids):
            candidates.update(query.values_list("pk", flat=True))
        ranked = self.ranking(candidates, country_ids, tag_ids)
        return list(ranked.values_list("pk", flat=True)[:limit]) if candidates else []

    def related_candidates(self, item, country_ids, tag_ids):
        """Return the queries of the newest items sharing a country with `item`, and sharing a tag."""
        others = self.exclude(pk=item.pk).order_by("-publish_at", "-pk")
        shares = ((_in_countries(country_ids), country_ids), (_tagged(tag__in=tag_ids), tag_ids))
        return [others.filter(Exists(links))[:RELATED_CANDIDATES] for links, wanted in shares if wanted]

    def ranking(self, pks, country_ids, tag_ids):
        """Return the items `pks`, the most countries and tags in common first, then the newest."""
        return (
            self.filter(pk__in=pks)
            .annotate(shared=_how_many(_in_countries(country_ids)) + _how_many(_tagged(tag__in=tag_ids)))
            .order_by("-shared", "-publish_at", "-pk")
        )


def _in_countries(country_ids):
    """Return the country links of the story in the outer query to any of `country_ids`."""
    return NewsItem.countries.through.objects.filter(newsitem=OuterRef("pk"), country__in=country_ids)


def _tagged(**lookup):
    """Return the tag links of the story in the outer query that match `lookup`."""
    return NewsItem.tags.through.objects.filter(
        content_type=ContentType.objects.get_for_model(NewsItem), object_id=OuterRef("pk"), **lookup
    )


def _how_many(rows):
    """Return the number of `rows` (correlated to the outer query) as an expression."""
    counted = rows.order_by().annotate(group=Value(1)).values("group").annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=models.IntegerField()), 0)


class NewsItem(SlugHistoryMixin, HeroFocus, models.Model):
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
            "Part of the story's public address, /news/this-slug/. "
            "Once the story is published, a change redirects the old address."
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
    hero_decorative = models.BooleanField(
        _("decorative hero image"),
        default=False,
        help_text=_(
            "Tick only when the picture adds nothing a reader would miss (a pattern, a mood): it is then "
            "skipped by screen readers and needs no alt text. Otherwise describe it above."
        ),
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
    event_start_time = models.TimeField(
        _("start time"),
        null=True,
        blank=True,
        help_text=_("Local time at the venue; leave empty for an event that lasts all day."),
    )
    event_end_time = models.TimeField(
        _("end time"),
        null=True,
        blank=True,
        help_text=_("Local time at the venue, on the last day; leave empty if it is not known."),
    )
    event_cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_("The event will not take place: the story says so and calendars mark it cancelled."),
    )
    withdrawn_at = models.DateTimeField(
        _("withdrawn from the site at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When a public event was unpublished; calendars show it as cancelled for a while."),
    )
    expires_at = models.DateTimeField(
        _("take off the site at"),
        null=True,
        blank=True,
        help_text=_(
            "Optional: when the story stops being current (an offer that ends, a notice that lapses). "
            "From then on its address shows the withdrawal notice below instead of the story, and lists, "
            "feeds and search leave it out."
        ),
    )
    withdrawal_notice = models.TextField(
        _("withdrawal notice"),
        blank=True,
        max_length=1000,
        help_text=_(
            "Shown at the story's address once it is taken off the site: why, and where to look now."
        ),
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("submitted for review by"),
    )
    submitted_at = models.DateTimeField(_("submitted for review at"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("published by"),
        help_text=_("The publisher who last published or scheduled the item."),
    )
    approved_at = models.DateTimeField(
        _("approved for publication at"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = NewsItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        ordering = ["-publish_at", "-pk"]
        permissions = [
            ("publish_newsitem", _("Can publish, schedule, unpublish and archive news items")),
        ]
        # Public lists read these in order, from the newest, without sorting (see docs/bench.md).
        indexes = [
            models.Index(fields=["status", "-publish_at", "-id"], name="news_public_order"),
            # The next expiry, asked after each change (few stories have one).
            models.Index(
                fields=["expires_at"], condition=models.Q(expires_at__isnull=False), name="news_expiring"
            ),
            models.Index(fields=["status", "kind", "-publish_at", "-id"], name="news_public_by_kind"),
            models.Index(
                fields=["status", "-publish_at", "-id"],
                condition=models.Q(is_featured=True),
                name="news_public_featured",
            ),
            # The admin's featured stories, newest first, whatever their status (one in fifty is featured:
            # without it a page of them walks fifty times its length).
            models.Index(
                fields=["-publish_at", "-id"],
                condition=models.Q(is_featured=True),
                name="news_featured_order",
            ),
            # Upcoming events: those whose last day is today or later (ending_from).
            models.Index(
                Coalesce("event_end", "event_start"),
                condition=models.Q(kind="event", status="published"),
                name="news_event_last_day",
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

    def links(self):
        """Return {"countries": [(pk, slug)...], "tags": [pk...]}: what the story's page and related news read.

        A public story's are kept until it or the countries change (its page then
        reads neither its countries nor its tags while its pieces are kept);
        anything else's, a draft in review, are read afresh.
        """

        def read():
            complete([self])  # the prefetches its pieces wait for, if any: read once for both
            return {
                "countries": sorted((country.pk, country.slug) for country in self.countries.all()),
                "tags": sorted(tag.pk for tag in self.tags.all()),
            }

        if not self.is_public:
            return read()
        return remember(f"news-links:{self.pk}", [g.NEWS_ITEM(self.slug), g.COUNTRIES], read)

    def clean(self):
        if self.event_start and self.event_end and self.event_end < self.event_start:
            raise ValidationError({"event_end": _("The event cannot end before it starts.")})
        if (self.event_start_time or self.event_end_time) and not self.event_start:
            raise ValidationError({"event_start": _("Give the day the event starts, too.")})
        if self.event_end_time and not self.event_start_time:
            raise ValidationError({"event_start_time": _("Give the time the event starts, too.")})
        if (
            self.event_start_time
            and self.event_end_time
            and (self.event_end or self.event_start) == self.event_start
            and self.event_end_time < self.event_start_time
        ):
            raise ValidationError({"event_end_time": _("The event cannot end before it starts.")})
        if self.expires_at and self.publish_at and self.expires_at <= self.publish_at:
            raise ValidationError(
                {"expires_at": _("The story cannot leave the site before it is published.")}
            )
        if self.hero_image and not self.hero_alt and not self.hero_decorative:
            # Named by its English column: the admin's form has no "hero_alt" field.
            raise ValidationError(
                {
                    "hero_alt_en": _(
                        "Describe the hero image for readers who cannot see it, or mark it as decorative."
                    )
                }
            )

    def get_calendar_url(self):
        return reverse("events:story", kwargs={"slug": self.slug})

    @property
    def is_event(self):
        return self.kind == self.Kind.EVENT and self.event_start is not None

    @property
    def is_public(self):
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at <= now
            and (self.expires_at is None or self.expires_at > now)
        )

    @property
    def hero_text_alternative(self):
        """What screen readers say for the hero image: nothing for a decorative one."""
        return "" if self.hero_decorative else self.hero_alt

    @property
    def is_withdrawn(self):
        """Whether its expiry has taken it off the site (its page shows the withdrawal notice)."""
        return (
            self.status == self.Status.PUBLISHED
            and self.expires_at is not None
            and self.expires_at <= timezone.now()
        )

    @property
    def has_been_published(self):
        """Return whether the public may have seen (and shared) the item's address."""
        return self.status == self.Status.PUBLISHED or self.approved_at is not None

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.publish_at > timezone.now()

    @property
    def workflow_state(self):
        """Return the state an editor sees: the status, or "scheduled" for a future publication."""
        return "scheduled" if self.is_scheduled else self.status

    @property
    def workflow_state_display(self):
        return _("Scheduled") if self.is_scheduled else self.get_status_display()

    def publishing_problems(self):
        """Return what must be fixed before the item may be published (empty when it may)."""
        problems = []
        if self.hero_image and not self.hero_alt and not self.hero_decorative:
            problems.append(_("The hero image needs alt text."))
        if self.pk and any(not image.alt and not image.decorative for image in self.images.all()):
            problems.append(_("Every gallery image needs alt text."))
        return problems

    def submit(self, user):
        """Send a draft to the publishers for review."""
        if self.status != self.Status.DRAFT:
            raise ValidationError(_("Only drafts can be submitted for review."), code="transition")
        self.status = self.Status.REVIEW
        self.record_transition(user)

    def publish(self, user):
        """Publish now, or at publish_at when it is in the future (scheduled); publishers only."""
        require_publisher(user)
        if self.status == self.Status.PUBLISHED:
            raise ValidationError(_("It is already published or scheduled."), code="transition")
        problems = self.publishing_problems()
        if problems:
            raise ValidationError(problems, code="incomplete")
        self.status = self.Status.PUBLISHED
        self.record_transition(user)

    def unpublish(self, user):
        """Take a published or scheduled item back to draft; publishers only."""
        require_publisher(user)
        if self.status != self.Status.PUBLISHED:
            raise ValidationError(
                _("Only published or scheduled items can be unpublished."), code="transition"
            )
        self.status = self.Status.DRAFT

    def archive(self, user):
        """Withdraw the item from the site, keeping it in admin; publishers only."""
        require_publisher(user)
        if self.status == self.Status.ARCHIVED:
            raise ValidationError(_("It is already archived."), code="transition")
        self.status = self.Status.ARCHIVED

    def record_transition(self, user, *, keep_publish_time=False):
        """Record who moved the item to its current status, and when."""
        now = timezone.now()
        if self.status == self.Status.REVIEW:
            self.submitted_by, self.submitted_at = user, now
        elif self.status == self.Status.PUBLISHED:
            # A first publication is dated when it happens unless it is scheduled
            # (or its time was set on purpose); a republished item keeps its date.
            if not keep_publish_time and self.approved_at is None and self.publish_at < now:
                self.publish_at = now
            self.approved_by, self.approved_at = user, now


EDITOR_STATUSES = (NewsItem.Status.DRAFT, NewsItem.Status.REVIEW)
PUBLISH_PERMISSION = "news.publish_newsitem"


def can_publish(user):
    """Return whether `user` may publish, schedule, unpublish and archive news."""
    return user.has_perm(PUBLISH_PERMISSION)


def may_change(user, item):
    """Return whether `user` may change `item`: editors only drafts and items in review."""
    return can_publish(user) or item.status in EDITOR_STATUSES


def require_publisher(user):
    if not can_publish(user):
        raise PermissionDenied(_("Only publishers may publish, unpublish or archive news."))


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
        _("alt text"),
        max_length=250,
        blank=True,
        help_text=_("What the picture shows, for readers who cannot see it (unless it is decorative)."),
    )
    decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_("Only for a picture that adds nothing a reader would miss: it then needs no alt text."),
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

    def clean(self):
        if self.image and not self.alt and not self.decorative:
            # Named by its English column: the admin's form has no "alt" field.
            raise ValidationError(
                {"alt_en": _("Describe the photo for readers who cannot see it, or mark it as decorative.")}
            )

    @property
    def text_alternative(self):
        """What screen readers say for the photo: nothing for a decorative one."""
        return "" if self.decorative else self.alt


class StoryDocument(DocumentBase):
    """A document attached to a story (a report, a programme, a statement's full text)."""

    news_item = models.ForeignKey(
        NewsItem, on_delete=models.CASCADE, related_name="documents", verbose_name=_("news item")
    )

    class Meta(DocumentBase.Meta):
        pass


class TagTranslation(models.Model):
    """A tag's Japanese name: taggit's tags have one name, the English one, which /ja/ would show."""

    # Not the primary key: a backup names tags by their natural key (their name), not their number.
    tag = models.OneToOneField(
        "taggit.Tag", on_delete=models.CASCADE, related_name="translation", verbose_name=_("tag")
    )
    name_ja = models.CharField(_("name in Japanese"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("Japanese name")
        verbose_name_plural = _("Japanese names")

    def __str__(self):
        return self.name_ja


def tag_name(tag, language=None):
    """Return `tag`'s name in `language` (the active one): its Japanese name under /ja/ when it has one."""
    language = language or translation.get_language() or ""
    if language.startswith("ja"):
        try:
            name = tag.translation.name_ja
        except TagTranslation.DoesNotExist:
            name = ""
        if name:
            return name
    return tag.name
