from modeltranslation.translator import TranslationOptions, register

from .models import Country, Embassy, ProfileDocument, TradeFigure


@register([Country, Country.history.model])
class CountryTranslationOptions(TranslationOptions):
    fields = (
        "name",
        "official_name",
        "capital",
        "official_languages",
        "currency",
        "summary",
        "overview",
        "hero_alt",
        "hero_credit",
    )


@register(Embassy)
class EmbassyTranslationOptions(TranslationOptions):
    fields = ("name", "address")


@register(TradeFigure)
class TradeFigureTranslationOptions(TranslationOptions):
    fields = ("source",)


@register(ProfileDocument)
class ProfileDocumentTranslationOptions(TranslationOptions):
    fields = ("title", "summary")
