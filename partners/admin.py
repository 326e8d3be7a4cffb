from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from balkan.admin import image_preview
from balkan.history import HistoryAdmin

from .models import PartnerOrganisation


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(HistoryAdmin, TranslationAdmin):
    list_display = ("name", "logo_preview", "kind", "country", "is_official_partner", "is_published")
    list_filter = ("kind", "is_official_partner", "is_published", "country")
    search_fields = ("name_en", "name_ja", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    autocomplete_fields = ("country",)
    readonly_fields = ("logo_preview",)
    logo_preview = image_preview("logo")
