"""Organisations behind the network's relations: embassies, ministries, universities…"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.images import VerifiedImageField
from core.richtext import RichTextField
from core.slugs import SlugHistoryMixin


class PartnerOrganisationQuerySet(models.QuerySet):
    def published(self):
        """Return the organisations the public may see."""
        return self.filter(is_published=True)


class PartnerOrganisation(SlugHistoryMixin, models.Model):
    class Kind(models.TextChoices):
        EMBASSY = "embassy", _("Embassy")
        GOVERNMENT = "government", _("Government or ministry")
        INTERNATIONAL = "international", _("International organisation")
        ACADEMIC = "academic", _("University or research institute")
        COMPANY = "company", _("Company")
        NGO = "ngo", _("Foundation or NGO")
        MEDIA = "media", _("Media")

    name = models.CharField(_("name"), max_length=200)
    other_names = models.TextField(
        _("other names"),
        max_length=2000,
        blank=True,
        help_text=_(
            "Other names readers may search for, one per line, in any language: an abbreviation, a former name, the name in Japanese script. The site search finds this organisation by them; they are not shown."
        ),
    )
    slug = models.SlugField(
        _("slug"), max_length=200, unique=True, help_text=_("Part of the public address /partners/<slug>/.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = models.ForeignKey(
        "countries.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partners",
        verbose_name=_("country"),
    )
    logo = VerifiedImageField(
        _("logo"),
        upload_to="partners/",
        blank=True,
        width_field="logo_width",
        height_field="logo_height",
    )
    logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    website = models.URLField(_("website"), blank=True)
    description = RichTextField(_("description"), blank=True)
    address = models.TextField(_("address"), blank=True)
    is_official_partner = models.BooleanField(
        _("official partner"),
        default=False,
        help_text=_("An official partner of the network."),
    )
    is_published = models.BooleanField(_("published"), default=True)
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
    objects = PartnerOrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:detail", kwargs={"slug": self.slug})
