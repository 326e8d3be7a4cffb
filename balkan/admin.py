"""Admin for the site's own content, the admin's branding and shared admin pieces."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from .models import AuditEntry, Page, Quote

admin.site.site_header = _("Japan–Balkan Network")
admin.site.site_title = _("Japan–Balkan Network admin")
admin.site.index_title = _("Editing the site")
admin.site.site_url = "/"


def image_preview(field_name, label=None):
    """Return a read-only admin column that shows a small preview of an image field."""

    @admin.display(description=label or _("preview"))
    def preview(*args):
        # Called as a ModelAdmin method (self, obj) or as a plain function (obj).
        image = getattr(args[-1], field_name, None)
        if not image:
            return "—"
        return format_html(
            '<img src="{}" alt="" style="max-height:80px;max-width:160px;height:auto">', image.url
        )

    return preview


@admin.register(Quote)
class QuoteAdmin(TranslationAdmin):
    list_display = ("author", "text", "is_published", "order")
    list_editable = ("is_published", "order")
    search_fields = ("text_en", "text_ja", "author_en", "author_ja")


@admin.register(Page)
class PageAdmin(TranslationAdmin):
    list_display = ("title", "key", "updated_at")
    readonly_fields = ("updated_at",)

    def has_delete_permission(self, request, obj=None):
        # The about and contact pages are linked from every page's footer.
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit log, read-only: nobody edits or deletes what happened."""

    list_display = ("at", "username", "action", "content_type", "object_repr", "ip_address")
    list_filter = ("action", "content_type")
    search_fields = ("username", "object_repr", "message")
    date_hierarchy = "at"
    list_select_related = ("content_type",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
