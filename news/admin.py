from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from balkan.admin import image_preview

from .models import NewsImage, NewsItem


class NewsImageInline(TranslationTabularInline):
    model = NewsImage
    extra = 0
    fields = ("image", "preview", "alt", "caption", "credit", "order")
    readonly_fields = ("preview",)
    preview = image_preview("image")


@admin.register(NewsItem)
class NewsItemAdmin(SimpleHistoryAdmin, TranslationAdmin):
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
