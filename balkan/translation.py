from modeltranslation.translator import TranslationOptions, register

from .models import Page, Quote


@register(Quote)
class QuoteTranslationOptions(TranslationOptions):
    fields = ("text", "author")


@register(Page)
class PageTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")
