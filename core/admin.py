"""Pieces every app's admin uses: editors' notes, image previews, documents, list filters, date drill-down."""

import calendar
import datetime
from itertools import pairwise

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.templatetags import admin_list
from django.core.paginator import Paginator
from django.db.models import Count, Exists, Max, Min
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from . import renditions
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


def image_preview(field_name, label=None, square=False):
    """Return a read-only admin column that shows a small preview of an image field.

    `square`: cut to a square around the record's focal point (`hero_focus`), as lists show it.
    """

    @admin.display(description=label or _("preview"))
    def preview(*args):
        # Called as a ModelAdmin method (self, obj) or as a plain function (obj).
        obj = args[-1]
        image = getattr(obj, field_name, None)
        if not image:
            return "—"
        if square:
            return format_html(
                '<img src="{}" alt="" width="{}" height="{}" class="square-preview">',
                renditions.square(image, SQUARE_PREVIEW, getattr(obj, "hero_focus", None)),
                SQUARE_PREVIEW // 2,
                SQUARE_PREVIEW // 2,
            )
        return format_html(
            '<img src="{}" alt="" style="max-height:80px;max-width:160px;height:auto">', image.url
        )

    return preview


class ReadOnlyAdminMixin:
    """A record of what happened (an audit entry, a review step): nobody adds, edits or deletes one."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PlainActionCheckboxMixin:
    """Write each row's checkbox (to choose it for an action) as Django's checkbox widget does, without it.

    Django renders every row's checkbox through the widget's templates: a
    quarter of the time of a list of 100 stories.
    """

    def action_checkbox(self, obj):
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(gettext("Select this object for an action - {}"), str(obj)),
        )


class ConditionListFilter(admin.SimpleListFilter):
    """A list filter whose every choice is a condition, `condition(value)`: the list and its counts read it.

    Django counts the stories beside each choice of a simple filter (the
    admin's "Show counts") with the filter's whole query once per choice; this
    counts every choice in one pass over the list. A value that is no choice
    filters nothing.
    """

    def condition(self, value):
        raise NotImplementedError

    def queryset(self, request, queryset):
        value = self.value()
        if value is None or value not in {str(choice) for choice, _label in self.lookup_choices}:
            return queryset
        return queryset.filter(self.condition(value))

    def get_facet_counts(self, pk_attname, filtered_qs):
        return {
            f"{index}__c": Count(pk_attname, filter=self.condition(str(value)))
            for index, (value, _label) in enumerate(self.lookup_choices)
        }


SQUARE_PREVIEW = 160  # pixels of the stored square, shown at half that size for sharp screens


def focus_picker(field_name, x_field="hero_focus_x", y_field="hero_focus_y"):
    """Return a read-only form field that shows an image to click where its subject is.

    A click sets the two focal-point percentages (static/js/admin-focus.js); without
    JavaScript they are typed. Every cut of the picture (link previews, cards, squares)
    keeps that point in view.
    """

    @admin.display(description=_("focal point"))
    def picker(*args):
        # Called as a ModelAdmin method (self, obj) or as a plain function (obj).
        obj = args[-1]
        image = getattr(obj, field_name, None)
        if not image:
            return _("Save a picture first; then click its subject here.")
        x, y = getattr(obj, x_field), getattr(obj, y_field)
        return format_html(
            '<div class="focus-picker" data-x="id_{}" data-y="id_{}">'
            '<img src="{}" alt="" draggable="false">'
            '<span class="focus-picker__mark" style="left:{}%;top:{}%"></span></div>'
            '<p class="help">{}</p>',
            x_field,
            y_field,
            image.url,
            x,
            y,
            _("Click the subject of the picture: every cut of it keeps that point in view."),
        )

    return picker


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


def date_hierarchy(cl):
    """Return the date drill-down of the change list `cl`, as Django's `{% date_hierarchy %}` does.

    Django finds the years (the months of a year, the days of a month) that
    hold rows with a SELECT DISTINCT over every row listed: at 100,000 stories
    it reads them all. This asks instead, in one query, whether each period
    between the first and the last row holds one (an EXISTS each, which an
    index on the field answers from its first row in the period). Use it for a
    field with an index only: without one, each EXISTS would scan the table;
    and with DatedChangeListMixin, whose count finds the first and the last.
    """
    field_name = cl.date_hierarchy
    names = {part: f"{field_name}__{part}" for part in ("year", "month", "day")}
    year, month, day = (cl.params.get(name) for name in names.values())
    if year and month and day:
        return admin_list.date_hierarchy(cl)  # one day shown: Django's reads nothing

    def link(filters):
        return cl.get_query_string(filters, [f"{field_name}__"])

    if not year:
        first, last = _first_and_last(cl)
        if first is None:
            return {"show": True, "back": None, "choices": []}
        if first.year != last.year:
            edges = [datetime.date(each, 1, 1) for each in range(first.year, last.year + 2)]
            return {
                "show": True,
                "back": None,
                "choices": [
                    {"link": link({names["year"]: str(start.year)}), "title": str(start.year)}
                    for start in _periods_with_rows(cl.queryset, field_name, edges)
                ],
            }
        year, month = first.year, (first.month if first.month == last.month else None)
    year = int(year)
    if month:
        month = int(month)
        days = calendar.monthrange(year, month)[1]
        edges = [datetime.date(year, month, 1) + datetime.timedelta(days=n) for n in range(days + 1)]
        return {
            "show": True,
            "back": {"link": link({names["year"]: year}), "title": str(year)},
            "choices": [
                {
                    "link": link({names["year"]: year, names["month"]: month, names["day"]: start.day}),
                    "title": capfirst(formats.date_format(start, "MONTH_DAY_FORMAT")),
                }
                for start in _periods_with_rows(cl.queryset, field_name, edges)
            ],
        }
    edges = [datetime.date(year, each, 1) for each in range(1, 13)] + [datetime.date(year + 1, 1, 1)]
    return {
        "show": True,
        "back": {"link": link({}), "title": _("All dates")},
        "choices": [
            {
                "link": link({names["year"]: year, names["month"]: start.month}),
                "title": capfirst(formats.date_format(start, "YEAR_MONTH_FORMAT")),
            }
            for start in _periods_with_rows(cl.queryset, field_name, edges)
        ],
    }


class DatedPaginator(Paginator):
    """A change list's paginator whose count also finds the first and the last `date_field` (`bounds`).

    The list counts the rows its filters and search leave whatever it does;
    the date drill-down needs the first and the last of them, which the same
    pass finds at no further cost, however the rows lie (a word only in the
    newest stories cannot send an ordered walk from the oldest through every
    row).
    """

    def __init__(self, *args, date_field, **kwargs):
        super().__init__(*args, **kwargs)
        self.date_field = date_field

    @cached_property
    def count(self):
        found = self.object_list.aggregate(
            count=Count("pk"), first=Min(self.date_field), last=Max(self.date_field)
        )
        self.bounds = (found["first"], found["last"])
        return found["count"]


class DatedChangeListMixin:
    """For a ModelAdmin with a `date_hierarchy`: its count finds the drill-down's first and last date."""

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        return DatedPaginator(
            queryset, per_page, orphans, allow_empty_first_page, date_field=self.date_hierarchy
        )


def _first_and_last(cl):
    """Return the earliest and the latest date of the change list's drill-down (datetimes in local time).

    Found by the list's count (DatedPaginator), or else in a pass of their own
    over the rows the filters and search leave.
    """
    bounds = getattr(cl.paginator, "bounds", None)
    if bounds is None:
        found = cl.queryset.aggregate(first=Min(cl.date_hierarchy), last=Max(cl.date_hierarchy))
        bounds = (found["first"], found["last"])
    return [
        timezone.localtime(value)
        if isinstance(value, datetime.datetime) and timezone.is_aware(value)
        else value
        for value in bounds
    ]


def _periods_with_rows(queryset, field_name, edges):
    """Return the start of each period between two of `edges` (dates, in order) in which `queryset` has a row.

    One query of an EXISTS per period; periods begin at midnight in the current
    time zone, as the change list filters by them.
    """

    def midnight(day):
        moment = datetime.datetime.combine(day, datetime.time.min)
        return timezone.make_aware(moment) if settings.USE_TZ else moment

    periods = list(pairwise(edges))
    probes = {
        f"period_{n}": Exists(
            queryset.filter(**{f"{field_name}__gte": midnight(start), f"{field_name}__lt": midnight(end)})
        )
        for n, (start, end) in enumerate(periods)
    }
    found = queryset.model._base_manager.annotate(**probes).values(*probes).first() or {}
    return [start for n, (start, _end) in enumerate(periods) if found.get(f"period_{n}")]
