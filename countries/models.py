"""Countries of the Balkan region, their trade with Japan and their embassies."""

from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.dates import DatePrecision, format_partial_date, partial_date_text
from core.images import HeroFocus, VerifiedImageField
from core.models import DocumentBase
from core.richtext import RichTextField
from core.slugs import SlugHistoryMixin
from pagecache.fragments import prefetch_when_made

from . import flags
from .charts import format_millions
from .time_zones import validate_time_zone, zone_for


class CountryQuerySet(models.QuerySet):
    def published(self):
        """Return the countries with a public profile."""
        return self.filter(is_published=True)

    def touch(self):
        """Mark the countries as changed now, as a change to their trade figures or embassies does."""
        return self.update(updated_at=timezone.now())

    def for_profile(self):
        """Return countries with what their profile shows beside them, in a fixed number of queries."""
        return self.prefetch_related("trade_figures", *PROFILE_PARTS())

    def for_profile_page(self):
        """Return countries for their public profile: what only its pieces show is read with `as_profile`."""
        return self.prefetch_related("trade_figures")


def PROFILE_PARTS():  # noqa: N802 - a constant, made when asked (partners import countries)
    """Return what a profile shows of a country beside its record and trade: embassies, documents, partners."""
    from partners.models import PartnerOrganisation

    return (
        "embassies",
        "documents",
        models.Prefetch("partners", queryset=PartnerOrganisation.objects.published()),
    )


def as_profile(country):
    """Return `country` whose embassies, documents and partners are read only if its profile's pieces must be made.

    The profile's record and its partners are pieces (pagecache.fragments) kept per
    process until the country or its profile's partners change.
    """
    prefetch_when_made([country], *PROFILE_PARTS())
    return country


class Country(SlugHistoryMixin, HeroFocus, models.Model):
    name = models.CharField(_("name"), max_length=100, help_text=_("Short name, e.g. “Slovenia”."))
    official_name = models.CharField(
        _("official name"),
        max_length=200,
        blank=True,
        help_text=_("e.g. “Republic of Slovenia”."),
    )
    other_names = models.TextField(
        _("other names"),
        max_length=2000,
        blank=True,
        help_text=_(
            "Other names readers may search for, one per line, in any language: “Turkey”, “Turkiye”, “トルコ”. The site search finds this country by them and suggests them; they are not shown."
        ),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_(
            "Part of the public address /countries/<slug>/. ASCII, from the English short name; embassies print it, so change it only with care (the old address redirects)."
        ),
    )
    iso_code = models.CharField(
        _("ISO 3166 code"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Two capital letters, e.g. SI; Kosovo is XK."))],
        help_text=_(
            "Two capital letters, e.g. SI; Kosovo is XK. The flag shown comes from the flag-icons set by this code."
        ),
    )
    capital = models.CharField(_("capital"), max_length=100, blank=True)
    population = models.PositiveBigIntegerField(_("population"), null=True, blank=True)
    area_km2 = models.PositiveIntegerField(_("area (km²)"), null=True, blank=True)
    official_languages = models.CharField(_("official languages"), max_length=200, blank=True)
    currency = models.CharField(_("currency"), max_length=100, blank=True)
    relations_established = models.DateField(
        _("diplomatic relations established"),
        null=True,
        blank=True,
        help_text=_("As precisely as it is known: a year alone, a month or a day."),
    )
    relations_established_precision = models.CharField(
        _("precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    summary = models.TextField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences for cards and social previews (at most 300 characters)."),
    )
    overview = RichTextField(_("overview"), blank=True)
    hero_image = VerifiedImageField(
        _("hero image"),
        upload_to="countries/",
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
    hero_credit = models.CharField(
        _("hero image credit"), max_length=150, blank=True, help_text=_("e.g. “Foto: STA”.")
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=50,
        blank=True,
        validators=[validate_time_zone],
        help_text=_(
            "The IANA name of the zone its events keep, e.g. “Europe/Belgrade”; leave empty for the zone of the capital."
        ),
    )
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_(
            "Only published countries have a public profile. Countries that are only the home of partners (Japan, for instance) stay unpublished."
        ),
    )
    review_by = models.DateField(
        _("review by"),
        null=True,
        blank=True,
        help_text=_(
            "When someone should check this record's facts again (figures, addresses, websites). Left empty, it is due a year after its last change. It is listed on the admin's front page when due."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = CountryQuerySet.as_manager()

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("countries:detail", kwargs={"slug": self.slug})

    def get_card_url(self):
        return reverse("countries:card", kwargs={"slug": self.slug})

    def get_qr_url(self):
        return reverse("countries:qr", kwargs={"slug": self.slug})

    def get_embed_url(self):
        return reverse("countries:embed", kwargs={"slug": self.slug})

    @property
    def flag_url(self):
        """Return the address of the country's flag (flag-icons, by ISO code), or "" when the set has none."""
        return flags.flag_url(self.iso_code)

    def get_feed_url(self):
        return reverse("countries:feed", kwargs={"slug": self.slug})

    def get_calendar_url(self):
        return reverse("events:country", kwargs={"slug": self.slug})

    @property
    def zone(self):
        """Return the ZoneInfo the country's events keep their local time in."""
        return zone_for(self.iso_code, self.time_zone)

    @property
    def relations_established_display(self):
        """Return the date relations were established, as precisely as it is known."""
        return format_partial_date(self.relations_established, self.relations_established_precision)

    @property
    def relations_established_datetime(self):
        """Return the date for <time datetime>: "1921", "1922-04" or "1992-10-12"."""
        return partial_date_text(self.relations_established, self.relations_established_precision)

    @property
    def latest_trade_figure(self):
        """Return the most recent year's trade figures, or None (uses prefetched figures)."""
        return max(self.trade_figures.all(), key=lambda figure: figure.year, default=None)


class PartOfCountryMixin:
    """Mark the country changed whenever one of its parts (a trade figure, an embassy) is saved or deleted.

    Its profile, card and cached pages are keyed by the country's `updated_at`.
    """

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        Country.objects.filter(pk=self.country_id).touch()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        Country.objects.filter(pk=self.country_id).touch()
        return result


class TradeFigure(PartOfCountryMixin, models.Model):
    class Currency(models.TextChoices):
        EUR = "EUR", _("euro")
        USD = "USD", _("US dollar")
        JPY = "JPY", _("Japanese yen")

    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="trade_figures", verbose_name=_("country")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    exports_to_japan = models.DecimalField(
        _("exports to Japan (millions)"),
        max_digits=12,
        decimal_places=1,
        help_text=_("The country's exports to Japan, in millions of the currency."),
    )
    imports_from_japan = models.DecimalField(
        _("imports from Japan (millions)"),
        max_digits=12,
        decimal_places=1,
        help_text=_("The country's imports from Japan, in millions of the currency."),
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR)
    source = models.CharField(_("source"), max_length=200, blank=True)
    source_url = models.URLField(_("source URL"), blank=True)

    class Meta:
        verbose_name = _("trade figure")
        verbose_name_plural = _("trade figures")
        ordering = ["country", "year"]
        constraints = [
            models.UniqueConstraint(fields=["country", "year"], name="unique_trade_year_per_country"),
        ]

    def __str__(self):
        return f"{self.country} {self.year}"

    @property
    def exports_display(self):
        """Return the exports as a reader says them: "EUR 119 million"."""
        return format_millions(self.exports_to_japan, self.currency)

    @property
    def imports_display(self):
        return format_millions(self.imports_from_japan, self.currency)


class Embassy(PartOfCountryMixin, models.Model):
    class Kind(models.TextChoices):
        IN_JAPAN = "in_japan", _("Embassy of the country in Japan")
        OF_JAPAN = "of_japan", _("Embassy of Japan in the country")

    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="embassies", verbose_name=_("country")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)
    map_url = models.URLField(
        _("map link"),
        blank=True,
        help_text=_("Optional; when empty, a map search for the address is linked."),
    )

    class Meta:
        verbose_name = _("embassy")
        verbose_name_plural = _("embassies")
        ordering = ["country", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["country", "kind"], name="one_embassy_of_each_kind"),
        ]

    def __str__(self):
        return self.name

    @property
    def map_link(self):
        """Return the map link, or a map search for the address when none is set."""
        if self.map_url:
            return self.map_url
        if self.address:
            query = urlencode({"query": " ".join(self.address.split())})
            return f"https://www.openstreetmap.org/search?{query}"
        return ""


class ProfileDocument(PartOfCountryMixin, DocumentBase):
    """A document attached to a country profile (an agreement, a trade report)."""

    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="documents", verbose_name=_("country")
    )

    class Meta(DocumentBase.Meta):
        pass
