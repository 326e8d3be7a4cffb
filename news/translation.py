from modeltranslation.translator import TranslationOptions, register

from .models import NewsImage, NewsItem, StoryDocument


@register([NewsItem, NewsItem.history.model])
class NewsItemTranslationOptions(TranslationOptions):
    fields = (
        "title",
        "summary",
        "body",
        "hero_alt",
        "hero_caption",
        "hero_credit",
        "venue",
        "city",
        "source_name",
        "withdrawal_notice",
    )


@register(NewsImage)
class NewsImageTranslationOptions(TranslationOptions):
    fields = ("alt", "caption", "credit")


@register(StoryDocument)
class StoryDocumentTranslationOptions(TranslationOptions):
    fields = ("title", "summary")
