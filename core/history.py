"""Revision history for staff: who changed what and when, a readable diff, and a safe revert.

django-simple-history keeps a row per save. This module adds what editors
need on top of it: changes between two revisions field by field (each
language of a translated field on its own, rich text as words with
deletions and insertions marked), a revert that is checked against the
current object's permissions, and revisions that restore every language.
"""

import difflib
import re
from dataclasses import dataclass

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.utils import formats, timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from modeltranslation.fields import TranslationField
from modeltranslation.translator import NotRegistered, translator
from simple_history.admin import SimpleHistoryAdmin

from core.richtext import RichTextField, text_of_html

# Latin words are compared whole; any other character (Japanese has no
# spaces between words) on its own.
TOKENS = re.compile(r"[0-9A-Za-z\u00c0-\u024f]+|\s+|.", re.DOTALL)
CONTEXT_TOKENS = 12


@dataclass
class Change:
    field: str
    old: str
    new: str
    diff: str = ""


def translated_fields(model):
    """Return the names of `model`'s fields that have one column per language."""
    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def diff_fields(model):
    """Return the fields a revision diff shows: editable ones, each language of a translated field apart."""
    originals = translated_fields(model)
    return [
        field
        for field in model._meta.concrete_fields
        if field.editable and not field.primary_key and field.name not in originals
    ]


def field_label(field):
    # modeltranslation names each language's field "title [en]", "title [ja]".
    return capfirst(field.verbose_name)


def display_value(field, value):
    """Return `value` of `field` as a reader would want to see it in a list of changes."""
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(field, models.DateTimeField):
        return formats.localize(timezone.localtime(value))
    if isinstance(field, models.ForeignKey):
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else f"#{value}"
    if isinstance(field, RichTextField) or isinstance(
        getattr(field, "translated_field", None), RichTextField
    ):
        return text_of_html(value)
    return str(value)


def word_diff(old, new):
    """Return HTML of `new` with the words taken from `old` in <del> and the words added in <ins>."""
    a, b = TOKENS.findall(old), TOKENS.findall(new)
    parts = []
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            same = a[i1:i2]
            if len(same) > 2 * CONTEXT_TOKENS:
                head = same[:CONTEXT_TOKENS] if index else []
                tail = same[-CONTEXT_TOKENS:] if index < len(opcodes) - 1 else []
                same = [*head, " … ", *tail]
            parts.append(escape("".join(same)))
            continue
        if i2 > i1:
            parts.append(format_html("<del>{}</del>", "".join(a[i1:i2])))
        if j2 > j1:
            parts.append(format_html("<ins>{}</ins>", "".join(b[j1:j2])))
    return mark_safe("".join(parts))


def changes_between(older, newer):
    """Return the Changes from the historical record `older` to `newer`."""
    return field_changes(newer.instance_type, older, newer)


def field_changes(model, older, newer):
    """Return the Changes of `model`'s fields from `older` to `newer` (records or instances)."""
    changes = []
    for field in diff_fields(model):
        old, new = getattr(older, field.attname), getattr(newer, field.attname)
        if old == new or (old in (None, "") and new in (None, "")):
            continue
        old_text, new_text = display_value(field, old), display_value(field, new)
        long_text = isinstance(field, models.TextField) or max(len(old_text), len(new_text)) > 80
        diff = word_diff(old_text.replace("—", ""), new_text.replace("—", "")) if long_text else ""
        changes.append(Change(field_label(field), old_text, new_text, diff))
    return changes


def restore_translations(history_model):
    """Make `record.instance` carry every language of translated fields, not only the active one.

    simple-history rebuilds an object from the fields its model had when the
    history model was created, before modeltranslation added the per-language
    columns; the columns are stored, but a revert would drop all but one
    language. Called once, from BalkanConfig.ready().
    """
    names = [
        field.attname for field in history_model._meta.concrete_fields if isinstance(field, TranslationField)
    ]
    if not names or getattr(history_model, "_restores_translations", False):
        return
    rebuild = history_model.instance.fget

    def instance(record):
        obj = rebuild(record)
        for name in names:
            setattr(obj, name, getattr(record, name))
        return obj

    history_model.instance = property(instance)
    history_model._restores_translations = True


class HistoryAdmin(SimpleHistoryAdmin):
    """Admin with a readable revision history and a permission-checked revert."""

    object_history_template = "admin/history/object_history.html"
    object_history_list_template = "admin/history/object_history_list.html"
    # Fields a revert leaves as they are now (e.g. a news item's workflow state).
    revert_keeps_fields = ()

    def history_view(self, request, object_id, extra_context=None):
        columns = []
        for name in self.get_history_list_display(request):
            attribute = getattr(self, name, None)
            label = getattr(attribute, "short_description", None) or capfirst(name.replace("_", " "))
            columns.append((name, label))
        return super().history_view(request, object_id, {"history_columns": columns, **(extra_context or {})})

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        records = list(historical_records)
        if not records:
            return
        # The oldest record on a page is compared with the newest of the next page.
        previous = records[-1].prev_record
        for newer, older in zip(records, [*records[1:], previous], strict=True):
            newer.history_delta_changes = changes_between(older, newer) if older else []

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        current = self.get_object(request, unquote(object_id))
        if current is None:
            raise Http404
        # A revert is a change of the object as it is now: check that, not the old version.
        if request.method == "POST" and not self.has_change_permission(request, current):
            raise PermissionDenied
        request._history_current = current
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        current = getattr(request, "_history_current", obj)
        return super().revert_disabled(request, obj) or not self.has_change_permission(request, current)

    def get_form(self, request, obj=None, **kwargs):
        current = getattr(request, "_history_current", None)
        if current is not None and obj is not None and obj is not current:
            # The revert form edits the old version: keep what a revert must not undo.
            for name in self.revert_keeps_fields:
                setattr(obj, name, getattr(current, name))
        return super().get_form(request, obj, **kwargs)
