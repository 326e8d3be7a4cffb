from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from balkan.admin import EditorHelpMixin, image_preview

from .models import NewsImage, NewsItem


class NewsImageInline(EditorHelpMixin, TranslationTabularInline):
    editor_help = {
        "image": _("JPEG, PNG or WebP, at least 1200 px wide; shown in the gallery below the story."),
        "caption": _("What the photo shows, in a sentence; shown under it."),
        "order": _("Lower numbers come first."),
    }
    model = NewsImage
    extra = 0
    fields = ("image", "preview", "alt", "caption", "credit", "order")
    readonly_fields = ("preview",)
    preview = image_preview("image")


@admin.register(NewsItem)
class NewsItemAdmin(EditorHelpMixin, SimpleHistoryAdmin, TranslationAdmin):
    editor_help = {
        "title": _("The headline, as a reader should see it in lists and search results."),
        "body": _(
            "The story. Start headings at “Heading 2”; give every image a text alternative (select it, then “Change image text alternative”)."
        ),
        "status": _(
            "Draft: only staff see it. In review: waiting for a publisher. Published: public from the publish time. Archived: no longer public."
        ),
        "author": _("Left empty, it is you."),
        "kind": _("Events also show their dates, venue and city."),
        "hero_image": _(
            "Shown at the top of the item, on cards (16:9) and in social previews; JPEG, PNG or WebP, at least 1200 px wide."
        ),
        "hero_caption": _("What the photo shows, in a sentence; shown under it with the credit."),
        "countries": _("The item appears on these countries' profiles and in their news feeds."),
        "partners": _("The item appears on these partner organisations' pages."),
        "source_url": _("Link to the original announcement, if there is one."),
        "event_start": _("Events only: the first day."),
        "event_end": _("Events only: the last day; leave empty for a one-day event."),
        "venue": _("Events only: e.g. “Hotel Okura Tokyo”."),
        "city": _("Events only: e.g. “Ljubljana”."),
    }
    list_display = ("title", "hero_preview", "kind", "status", "publish_at", "is_featured", "author")
    list_filter = ("status", "kind", "is_featured", "countries")
    search_fields = ("title_en", "title_ja", "summary_en", "summary_ja", "slug")
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ("title_en",)}
    autocomplete_fields = ("countries", "partners")
    readonly_fields = ("hero_preview", "created_at", "updated_at")
    inlines = (NewsImageInline,)
    hero_preview = image_preview("hero_image")
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "body")}),
        ("Publishing", {"fields": ("status", "publish_at", "is_featured", "author", "kind")}),
        ("Hero image", {"fields": ("hero_image", "hero_preview", "hero_alt", "hero_caption", "hero_credit")}),
        ("Links", {"fields": ("countries", "partners", "tags", "source_name", "source_url")}),
        ("Event", {"classes": ("collapse",), "fields": ("event_start", "event_end", "venue", "city")}),
        ("Record", {"classes": ("collapse",), "fields": ("created_at", "updated_at")}),
    )

    def save_model(self, request, obj, form, change):
        if obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)
