from modeltranslation.translator import TranslationOptions, register

from .models import Category, ChronologyEntry


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("name",)


@register([ChronologyEntry, ChronologyEntry.history.model])
class ChronologyEntryTranslationOptions(TranslationOptions):
    fields = ("title", "description", "source_name")
