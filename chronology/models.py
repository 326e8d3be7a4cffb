"""The chronology of Japan's relations with the Balkan countries."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.dates import DatePrecision, format_partial_span, partial_date_text
from core.richtext import RichTextField
from pagecache.fragments import prefetch_when_made


class Category(models.Model):
    key = models.SlugField(
        _("key"), max_length=50, unique=True, help_text=_("Used in links: /chronology/?category=<key>.")
    )
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["order", "key"]

    def __str__(self):
        return self.name


def as_timeline(entries):
    """Return `entries` as a list for the timeline: their countries and news are read only if an entry must be made.

    An entry is a piece (pagecache.fragments) kept per process until the chronology,
    the countries or the news change, so a timeline whose entries are all kept
    reads nothing but the entries.
    """
    return prefetch_when_made(entries, "countries", "related_news")


class ChronologyEntryQuerySet(models.QuerySet):
    def published(self):
        """Return the entries a reader may see."""
        return self.filter(is_published=True)

    def for_country(self, country):
        return self.filter(countries=country)

    def for_countries(self, countries):
        """Return the entries about any of `countries`, each once."""
        return self.filter(countries__in=countries).distinct()

    def filtered(self, filters):
        """Return the entries matching a validated chronology filter (country, category, from, to)."""
        entries = self
        if "country" in filters:
            entries = entries.for_countries(filters["country"])
        if "category" in filters:
            entries = entries.filter(category=filters["category"])
        return entries.between_years(filters.get("from"), filters.get("to"))

    def between_years(self, first=None, last=None):
        """Return the entries that fall in or overlap the years `first` to `last` (both kept)."""
        entries = self
        if first is not None:
            start = datetime.date(first, 1, 1)
            entries = entries.filter(Q(date__gte=start) | Q(end_date__gte=start))
        if last is not None:
            entries = entries.filter(date__lte=datetime.date(last, 12, 31))
        return entries

    def for_timeline(self):
        """Return entries for {% piece "chronology/_entry.html" %}, oldest first; list them with `as_timeline`."""
        return self.select_related("category").order_by("date", "end_date", "pk")


class ChronologyEntry(models.Model):
    ref = models.SlugField(
        _("reference"),
        max_length=100,
        unique=True,
        help_text=_(
            "A stable identifier, e.g. “si-2018-kono-visit”; spreadsheet imports update the entry with the same reference."
        ),
    )
    date = models.DateField(
        _("date"), help_text=_("As precisely as it is known: a year alone, a month or a day.")
    )
    date_precision = models.CharField(
        _("precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    circa = models.BooleanField(_("approximate"), default=False, help_text=_("Shown as “c. 1899”."))
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_("Only for spans, such as a workshop of several days."),
    )
    end_date_precision = models.CharField(
        _("end precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    title = models.CharField(_("title"), max_length=250)
    description = RichTextField(_("description"), blank=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="entries", verbose_name=_("category")
    )
    countries = models.ManyToManyField(
        "countries.Country",
        blank=True,
        related_name="chronology_entries",
        verbose_name=_("countries"),
    )
    related_news = models.ManyToManyField(
        "news.NewsItem",
        blank=True,
        related_name="chronology_entries",
        verbose_name=_("related news"),
    )
    source_name = models.CharField(_("source"), max_length=200, blank=True)
    source_url = models.URLField(_("source URL"), blank=True)
    is_highlight = models.BooleanField(_("highlight"), default=False, help_text=_("Shown on the home page."))
    is_published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = ChronologyEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("chronology entry")
        verbose_name_plural = _("chronology entries")
        ordering = ["date", "end_date", "pk"]
        indexes = [models.Index(fields=["is_published", "date"], name="chronology_public_order")]

    def __str__(self):
        return f"{self.date_display}: {self.title}"

    def get_absolute_url(self):
        return reverse("chronology:list") + f"#entry-{self.ref}"

    def clean(self):
        if self.end_date and self.date and self.end_date < self.date:
            raise ValidationError({"end_date": _("The end cannot come before the start.")})

    @property
    def date_display(self):
        """Return the date as known: "1899", "March 2023", "8–11 November 2022"."""
        return format_partial_span(
            self.date, self.date_precision, self.end_date, self.end_date_precision, self.circa
        )

    @property
    def date_iso(self):
        """Return the start as HTML's datetime attribute takes it: "1899", "2023-03", "2022-11-08"."""
        return partial_date_text(self.date, self.date_precision)

    @property
    def decade(self):
        return self.date.year // 10 * 10

    def public_related_news(self):
        """Return the related news a reader may open (from the prefetched news, if any)."""
        return [item for item in self.related_news.all() if item.is_public]
