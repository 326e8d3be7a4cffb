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


class EditorHelpMixin:
    """Show editors a note under the admin fields whose model field has none.

    `editor_help` maps a model field's name to its note; the note applies to
    each language's field too (title_en, title_ja). Kept on the admin so that
    adding a note needs no migration.
    """

    editor_help = {}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        name = getattr(db_field, "translated_field", db_field).name
        if formfield is not None and not formfield.help_text and name in self.editor_help:
            formfield.help_text = self.editor_help[name]
        return formfield


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
class QuoteAdmin(EditorHelpMixin, TranslationAdmin):
    editor_help = {
        "text": _("The quotation as it was said or written, without quotation marks."),
        "author": _("Who said it, e.g. “Amartya Sen”."),
        "is_published": _("The home page shows one published quote, chosen at random."),
        "order": _("Lower numbers come first in this list."),
    }
    list_display = ("author", "text", "is_published", "order")
    list_editable = ("is_published", "order")
    search_fields = ("text_en", "text_ja", "author_en", "author_ja")


@admin.register(Page)
class PageAdmin(EditorHelpMixin, TranslationAdmin):
    editor_help = {
        "key": _(
            "Which page this is; each has a fixed address (/about/, /contact/) linked from every page's footer."
        ),
        "title": _("The page's heading and the title in browser tabs and search results."),
        "summary": _(
            "One or two sentences under the title, also used by search engines and social previews."
        ),
        "body": _("The page's text. Start headings at “Heading 2”; give every image a text alternative."),
    }
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
