from django import forms
from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from balkan.admin import image_preview
from balkan.dates import PartialDateFormMixin
from balkan.history import HistoryAdmin

from .models import Country, Embassy, TradeFigure


class CountryForm(PartialDateFormMixin, forms.ModelForm):
    partial_dates = {"relations_established": "relations_established_precision"}

    class Meta:
        model = Country
        # The admin lists the fields; the precision is set from the partial date.
        fields = ("relations_established",)


class TradeFigureInline(admin.TabularInline):
    model = TradeFigure
    extra = 0


class EmbassyInline(TranslationStackedInline):
    model = Embassy
    extra = 0
    max_num = 2


@admin.register(Country)
class CountryAdmin(HistoryAdmin, TranslationAdmin):
    form = CountryForm
    list_display = (
        "name",
        "flag_preview",
        "iso_code",
        "is_published",
        "relations_established_display",
        "updated_at",
    )
    list_filter = ("is_published",)
    search_fields = ("name_en", "name_ja", "iso_code", "slug", "capital_en")
    prepopulated_fields = {"slug": ("name_en",)}
    readonly_fields = ("flag_preview", "hero_preview")
    inlines = (EmbassyInline, TradeFigureInline)
    flag_preview = image_preview("flag")
    hero_preview = image_preview("hero_image")
    fieldsets = (
        (None, {"fields": ("name", "official_name", "slug", "iso_code", "is_published")}),
        ("Profile", {"fields": ("summary", "overview", "relations_established")}),
        ("Key facts", {"fields": ("capital", "population", "area_km2", "official_languages", "currency")}),
        (
            "Images",
            {"fields": ("flag", "flag_preview", "hero_image", "hero_preview", "hero_alt", "hero_credit")},
        ),
    )
