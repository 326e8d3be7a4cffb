from django import forms
from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from balkan.dates import PartialDateFormMixin
from balkan.history import HistoryAdmin

from .models import Category, ChronologyEntry


class ChronologyEntryForm(PartialDateFormMixin, forms.ModelForm):
    partial_dates = {"date": "date_precision", "end_date": "end_date_precision"}

    class Meta:
        model = ChronologyEntry
        # The admin lists the fields; the precisions are set from the partial dates.
        fields = ("date", "end_date")


@admin.register(Category)
class CategoryAdmin(TranslationAdmin):
    list_display = ("name", "key", "order")
    list_editable = ("order",)
    prepopulated_fields = {"key": ("name_en",)}
    search_fields = ("name_en", "name_ja", "key")


@admin.register(ChronologyEntry)
class ChronologyEntryAdmin(HistoryAdmin, TranslationAdmin):
    form = ChronologyEntryForm
    list_display = ("date_display", "title", "category", "is_highlight", "is_published")
    list_filter = ("category", "is_published", "is_highlight", "date_precision", "countries")
    search_fields = ("title_en", "title_ja", "ref")
    prepopulated_fields = {"ref": ("title_en",)}
    autocomplete_fields = ("countries", "related_news")
    list_select_related = ("category",)
    fields = (
        "title",
        "ref",
        "date",
        "circa",
        "end_date",
        "category",
        "description",
        "countries",
        "related_news",
        "source_name",
        "source_url",
        "is_highlight",
        "is_published",
    )
