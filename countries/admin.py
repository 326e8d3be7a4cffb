from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline

from core.admin import DocumentInline, EditorHelpMixin, focus_picker, image_preview
from core.dates import PartialDateFormMixin
from core.history import HistoryAdmin

from .models import Country, Embassy, ProfileDocument, TradeFigure


class CountryForm(PartialDateFormMixin, forms.ModelForm):
    partial_dates = {"relations_established": "relations_established_precision"}

    class Meta:
        model = Country
        # The admin lists the fields; the precision is set from the partial date.
        fields = ("relations_established",)


class TradeFigureInline(EditorHelpMixin, TranslationTabularInline):
    editor_help = {
        "year": _("The calendar year of the figures; one row per year."),
        "currency": _("The currency both figures are in."),
        "source": _("Who published the figures, e.g. “Statistical Office of the Republic of Slovenia”."),
        "source_url": _("Link to the published table, if there is one."),
    }
    model = TradeFigure
    extra = 0


class EmbassyInline(EditorHelpMixin, TranslationStackedInline):
    editor_help = {
        "kind": _("A country has at most one of each: its embassy in Japan, and Japan's embassy there."),
        "name": _("The embassy's official name, e.g. “Embassy of the Republic of Slovenia in Japan”."),
        "address": _("The postal address; line breaks are kept."),
        "phone": _("With the country code, e.g. +81 3 5468 6275."),
        "website": _("The embassy's own website."),
    }
    model = Embassy
    extra = 0
    max_num = 2


class ProfileDocumentInline(DocumentInline):
    model = ProfileDocument


@admin.register(Country)
class CountryAdmin(EditorHelpMixin, HistoryAdmin, TranslationAdmin):
    editor_help = {
        "overview": _(
            "The profile's main text: relations with Japan, economy, culture. Start headings at “Heading 2”; give every image a text alternative (select it, then “Change image text alternative”)."
        ),
        "capital": _("e.g. “Ljubljana”."),
        "population": _("Inhabitants, as a whole number without separators, e.g. 2120000."),
        "area_km2": _("Total area in square kilometres, e.g. 20271."),
        "official_languages": _("e.g. “Slovene”; separate several with commas."),
        "currency": _("e.g. “Euro (EUR)”."),
        "hero_image": _("A wide photo for the top of the profile; JPEG, PNG or WebP, at least 1200 px wide."),
    }
    form = CountryForm
    list_display = (
        "name",
        "flag_preview",
        "iso_code",
        "is_published",
        "relations_established_on",
        "updated_at",
    )
    list_filter = ("is_published",)
    search_fields = ("name_en", "name_ja", "other_names", "iso_code", "slug", "capital_en")
    prepopulated_fields = {"slug": ("name_en",)}
    readonly_fields = ("flag_preview", "hero_preview", "hero_focus_picker", "sharing")
    inlines = (EmbassyInline, TradeFigureInline, ProfileDocumentInline)
    hero_preview = image_preview("hero_image")
    hero_focus_picker = focus_picker("hero_image")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "name",
                    "official_name",
                    "other_names",
                    "slug",
                    "iso_code",
                    "time_zone",
                    "is_published",
                )
            },
        ),
        (_("Profile"), {"fields": ("summary", "overview", "relations_established")}),
        (_("Key facts"), {"fields": ("capital", "population", "area_km2", "official_languages", "currency")}),
        (
            _("Images"),
            {
                "fields": (
                    "flag_preview",
                    "hero_image",
                    "hero_focus_picker",
                    ("hero_focus_x", "hero_focus_y"),
                    "hero_alt",
                    "hero_credit",
                )
            },
        ),
        (_("Sharing"), {"fields": ("sharing",)}),
        (_("Keeping it true"), {"fields": ("review_by",)}),
    )

    @admin.display(description=_("diplomatic relations established"), ordering="relations_established")
    def relations_established_on(self, country):
        return country.relations_established_display or "—"

    @admin.display(description=_("flag"))
    def flag_preview(self, country):
        """Show the flag the ISO code gives (flag-icons); there is nothing to upload."""
        if not country.flag_url:
            return _("The flag set has no flag for this ISO code.")
        return format_html(
            '<img src="{}" alt="" width="64" height="48" style="border:1px solid #ccc">', country.flag_url
        )

    @admin.display(description=_("what embassies share"))
    def sharing(self, country):
        """Show the social card and links to the QR code and embeddable card, once the profile is public."""
        if not (country.pk and country.is_published):
            return _("Published profiles get a social card, a QR code and an embeddable card.")
        return format_html(
            '<img src="{}" alt="" width="300" height="158" style="border:1px solid #ccc"><br>'
            '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a>',
            country.get_card_url(),
            country.get_absolute_url(),
            _("Profile"),
            country.get_qr_url(),
            _("QR code"),
            country.get_embed_url(),
            _("Embeddable card"),
        )
