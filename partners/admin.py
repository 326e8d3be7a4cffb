from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from core.admin import EditorHelpMixin, image_preview
from core.history import HistoryAdmin

from .models import PartnerOrganisation


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(EditorHelpMixin, HistoryAdmin, TranslationAdmin):
    editor_help = {
        "name": _("The organisation's full name, e.g. “Jožef Stefan Institute”."),
        "kind": _("Groups the organisation on the partners page."),
        "country": _("Where the organisation is based; leave empty for international organisations."),
        "logo": _(
            "PNG with a transparent or white background, at least 200 px wide; shown up to 72 px high."
        ),
        "website": _("The organisation's own website."),
        "description": _(
            "The description: what the organisation does and how it works with the network. Start headings at “Heading 2”; give every image a text alternative (select it, then “Change image text alternative”)."
        ),
        "address": _("The postal address; line breaks are kept."),
        "is_published": _("Unpublished organisations are hidden from the site and its search."),
    }
    list_display = ("name", "logo_preview", "kind", "country", "is_official_partner", "is_published")
    list_filter = ("kind", "is_official_partner", "is_published", "country")
    search_fields = ("name_en", "name_ja", "other_names", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    autocomplete_fields = ("country",)
    readonly_fields = ("logo_preview",)
    logo_preview = image_preview("logo")
