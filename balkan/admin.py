"""Admin for the site's own content, the admin's branding and shared admin pieces."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from core.admin import EditorHelpMixin

from .models import Page, Quote

admin.site.site_header = _("Japan–Balkan Network")
admin.site.site_title = _("Japan–Balkan Network admin")
admin.site.index_title = _("Editing the site")
admin.site.site_url = "/"


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
