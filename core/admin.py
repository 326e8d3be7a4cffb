"""Pieces every app's admin uses: editors' notes under fields, image previews, attached documents."""

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from .uploads import KeepsUploadsModelForm


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


def name_zones(form):
    """Say in the help of each date-time field of `form` which zone its times are in."""
    note = zone_note()
    for field in form.fields.values():
        if isinstance(field, forms.DateTimeField | forms.SplitDateTimeField) and note not in str(
            field.help_text
        ):
            field.help_text = format_lazy("{} {}", field.help_text, note).strip()


# Zones whose name readers know better than their city's.
ZONE_NAMES = {"Asia/Tokyo": _("Japan time")}


def zone_note():
    """Return which zone the admin's times are in, named, with its abbreviation and offset."""
    zone = timezone.get_current_timezone()
    now = timezone.localtime()
    offset = now.strftime("%z")
    name = ZONE_NAMES.get(str(zone), str(zone).rsplit("/", 1)[-1].replace("_", " "))
    return _("Times are %(zone)s (%(abbreviation)s, UTC%(offset)s).") % {
        "zone": name,
        "abbreviation": now.tzname(),
        "offset": f"{offset[:3]}:{offset[3:]}",
    }


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


class DocumentInline(TranslationStackedInline):
    """The documents of a page, on its admin form: a subclass names the model (a DocumentBase)."""

    form = KeepsUploadsModelForm
    extra = 0
    fields = ("file", "details", "title", "summary", "order")
    readonly_fields = ("details",)
    classes = ("documents-inline",)

    @admin.display(description=_("what it is"))
    def details(self, document):
        if not document or not document.pk or not document.kind:
            return _("Type, size and pages are read from the file when it is saved.")
        parts = [document.type_name, document.size_display, document.pages_display]
        return format_html(
            '<a href="{}">{}</a>', document.file.url, ", ".join(str(part) for part in parts if part)
        )
