"""Dates known to a year, a month or a day, and how each language shows them.

An entry known only as "1899" is stored as 1899-01-01 with precision "year"
so that it sorts and filters like any date, and is shown exactly as known.
"""

import datetime
import re

from django import forms
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext


class DatePrecision(models.TextChoices):
    YEAR = "year", _("Year")
    MONTH = "month", _("Month")
    DAY = "day", _("Day")


def format_partial_date(value, precision, circa=False):
    """Return `value` shown to its precision in the active language."""
    if value is None:
        return ""
    if precision == DatePrecision.DAY:
        text = date_format(value, "DATE_FORMAT")
    elif precision == DatePrecision.MONTH:
        text = date_format(value, "YEAR_MONTH_FORMAT")
    else:
        text = pgettext("a date known only to the year", "%(year)s") % {"year": value.year}
    if circa:
        text = pgettext("an approximate date", "c. %(date)s") % {"date": text}
    return text


def format_partial_span(start, start_precision, end, end_precision, circa=False):
    """Return a span such as "8–11 November 2022", or one date if there is no end."""
    if end is None or (end == start and end_precision == start_precision):
        return format_partial_date(start, start_precision, circa)
    params = {
        "start": format_partial_date(start, start_precision),
        "end": format_partial_date(end, end_precision),
        "start_day": start.day,
        "end_day": end.day,
    }
    same_month = (start.year, start.month) == (end.year, end.month)
    if start_precision == end_precision == DatePrecision.DAY and same_month:
        # Languages order the parts differently (ja: 2022年11月8日～11日), so a
        # translation may use any of the four placeholders.
        # xgettext:no-python-format
        text = pgettext("days within one month", "%(start_day)s–%(end)s") % params
    else:
        text = pgettext("a span between two dates", "%(start)s – %(end)s") % params
    if circa:
        text = pgettext("an approximate date", "c. %(date)s") % {"date": text}
    return text


def build_partial_date(year, month, day):
    """Return (date, precision) from the parts, or raise forms.ValidationError."""
    if day is not None and month is None:
        raise forms.ValidationError(_("A day needs a month."), code="day_without_month")
    if month is not None and not 1 <= month <= 12:
        raise forms.ValidationError(_("The month must be between 1 and 12."), code="month")
    if not 1 <= year <= 9999:
        raise forms.ValidationError(_("Enter a year between 1 and 9999."), code="year")
    try:
        value = datetime.date(year, 1 if month is None else month, 1 if day is None else day)
    except ValueError:
        raise forms.ValidationError(
            _("%(year)s-%(month)s-%(day)s is not a day that exists."),
            code="no_such_day",
            params={"year": year, "month": month, "day": day},
        ) from None
    if day is not None:
        return value, DatePrecision.DAY
    return value, DatePrecision.MONTH if month is not None else DatePrecision.YEAR


PARTIAL_DATE_TEXT = re.compile(r"(\d{1,4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?")


def parse_partial_date(text):
    """Return (date, precision) from "1899", "2023-03" or "2022-11-08" (or with slashes).

    Raise forms.ValidationError for any other text or a day that does not exist.
    """
    match = PARTIAL_DATE_TEXT.fullmatch(str(text).strip())
    if not match:
        raise forms.ValidationError(
            _("Write the date as it is known: 1899, 2023-03 or 2022-11-08."), code="format"
        )
    year, month, day = (int(part) if part else None for part in match.groups())
    return build_partial_date(year, month, day)


def partial_date_text(value, precision):
    """Return the date as parse_partial_date reads it: "1899", "2023-03" or "2022-11-08"."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


class PartialDateWidget(forms.MultiWidget):
    template_name = "balkan/widgets/partial_date.html"

    def __init__(self, attrs=None):
        widgets = {
            "year": forms.NumberInput(attrs={"placeholder": _("Year"), "min": 1, "max": 9999}),
            "month": forms.NumberInput(attrs={"placeholder": _("Month"), "min": 1, "max": 12}),
            "day": forms.NumberInput(attrs={"placeholder": _("Day"), "min": 1, "max": 31}),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if not value or value[0] is None:
            return [None, None, None]
        date, precision = value
        return [
            date.year,
            date.month if precision in (DatePrecision.MONTH, DatePrecision.DAY) else None,
            date.day if precision == DatePrecision.DAY else None,
        ]


class PartialDateFormField(forms.MultiValueField):
    """Year, optional month, optional day; cleans to (date, precision) or None."""

    widget = PartialDateWidget

    def __init__(self, **kwargs):
        fields = (
            forms.IntegerField(min_value=1, max_value=9999, required=kwargs.get("required", True)),
            forms.IntegerField(min_value=1, max_value=12, required=False),
            forms.IntegerField(min_value=1, max_value=31, required=False),
        )
        kwargs.setdefault("help_text", _("Year, then month and day only if they are known."))
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or data_list[0] in (None, ""):
            if any(part not in (None, "") for part in data_list or []):
                raise forms.ValidationError(_("Enter the year."), code="year_missing")
            return None
        year, month, day = (list(data_list) + [None, None])[:3]
        return build_partial_date(year, month, day)


class PartialDateFormMixin:
    """Edit model pairs (date field, precision field) as one partial-date input.

    Subclasses list them in `partial_dates = {"date": "date_precision"}`.
    """

    partial_dates = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for date_name, precision_name in self.partial_dates.items():
            model_field = self._meta.model._meta.get_field(date_name)
            self.fields[date_name] = PartialDateFormField(
                label=model_field.verbose_name,
                required=not model_field.blank,
                help_text=model_field.help_text or None,
            )
            if self.instance.pk or getattr(self.instance, date_name):
                # Decompressed here: a MultiWidget takes a tuple for its parts as they are.
                self.initial[date_name] = self.fields[date_name].widget.decompress(
                    (getattr(self.instance, date_name), getattr(self.instance, precision_name))
                )

    def clean(self):
        cleaned = super().clean()
        for date_name, precision_name in self.partial_dates.items():
            if date_name in cleaned:
                value = cleaned[date_name]
                date, precision = value if value else (None, DatePrecision.DAY)
                cleaned[date_name] = date
                setattr(self.instance, precision_name, precision)
        return cleaned


def zoneless(format_name):
    """Return the active language's `format_name` without the zone it names (" T"), for text that names its own."""
    from django.utils.formats import get_format

    return get_format(format_name).replace(" T", "")
