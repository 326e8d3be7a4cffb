"""Pieces every app's admin uses: editors' notes under fields, and image previews."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _


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
