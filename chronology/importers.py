"""Chronology entries as spreadsheet rows: import keyed by the stable reference, and export.

An import is planned first: every row is validated and compared with the entry
that has its reference, and every problem is reported with its row number,
column and reason. Only a plan without a single problem is applied, in one
transaction. Export writes the same columns, so an exported file imports back
as "unchanged".
"""

import re
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.dates import DatePrecision, format_partial_date, parse_partial_date, partial_date_text
from core.richtext import check_nothing_lost, sanitize
from countries.models import Country
from news.models import NewsItem

from .models import Category, ChronologyEntry


@dataclass(frozen=True)
class Column:
    name: str
    help: str
    example: str = ""
    # Every file has the reference; a row that creates an entry needs these too.
    needed_to_create: bool = False


COLUMNS = [
    Column(
        "ref",
        _("A stable identifier: a row whose reference exists updates that entry, any other row creates one."),
        "si-2019-kono-visit",
    ),
    Column(
        "date",
        _("As precisely as it is known: a year alone, a month or a day."),
        "1899 · 2023-03 · 2022-11-08",
        needed_to_create=True,
    ),
    Column("end_date", _("Only for spans, written like the date."), "2022-11-11"),
    Column("circa", _("“yes” if the date is approximate; an empty cell means no."), "no"),
    Column(
        "title_en",
        _("Title in English."),
        "Japan and Romania sign a Strategic Partnership",
        needed_to_create=True,
    ),
    Column("title_ja", _("Title in Japanese."), "日本とルーマニアが戦略的パートナーシップに署名"),
    Column("description_en", _("A short description in English; simple HTML such as <p> and <a> is kept.")),
    Column("description_ja", _("The description in Japanese.")),
    Column("category", _("The key of a category."), "agreement", needed_to_create=True),
    Column("countries", _("Slugs of the countries, separated by commas."), "slovenia, croatia"),
    Column("related_news", _("Slugs of related news items, separated by commas.")),
    Column(
        "source_name_en", _("Where the entry comes from, in English."), "Ministry of Foreign Affairs of Japan"
    ),
    Column("source_name_ja", _("The source in Japanese."), "外務省"),
    Column("source_url", _("A link to the source."), "https://www.mofa.go.jp/"),
    Column("is_highlight", _("“yes” to show the entry on the home page; an empty cell means no."), "no"),
    Column("is_published", _("“yes” to show the entry on the site; an empty cell means no."), "yes"),
]
COLUMN_NAMES = [column.name for column in COLUMNS]
NEEDED_TO_CREATE = [column.name for column in COLUMNS if column.needed_to_create]
RELATIONS = ("countries", "related_news")
LIST_SEPARATORS = re.compile(r"[,、;\s]+")


def _max_length(name):
    return ChronologyEntry._meta.get_field(name).max_length


class YesNoField(forms.Field):
    YES = {"yes", "y", "true", "1", "はい"}
    NO = {"no", "n", "false", "0", "いいえ", ""}

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        text = (value or "").strip().lower()
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        raise forms.ValidationError(_("Write yes or no."), code="invalid")


class PartialDateTextField(forms.Field):
    """A date written as known ("1899", "2023-03", "2022-11-08"); cleans to (date, precision)."""

    def to_python(self, value):
        text = (value or "").strip()
        return parse_partial_date(text) if text else None


class RichTextTextField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        check_nothing_lost(value)
        return sanitize(value)


class KeysField(forms.Field):
    """Keys of known objects separated by commas; cleans to a sorted tuple of keys."""

    def __init__(self, known, unknown_message, **kwargs):
        super().__init__(required=False, **kwargs)
        self.known = known
        self.unknown_message = unknown_message

    def to_python(self, value):
        keys = sorted({key.lower() for key in LIST_SEPARATORS.split(value or "") if key})
        unknown = [key for key in keys if key not in self.known]
        if unknown:
            raise forms.ValidationError(
                self.unknown_message, code="unknown", params={"keys": ", ".join(unknown)}
            )
        return tuple(keys)


class CategoryKeyField(forms.Field):
    def __init__(self, known, **kwargs):
        super().__init__(**kwargs)
        self.known = known

    def to_python(self, value):
        key = (value or "").strip().lower()
        if key and key not in self.known:
            raise forms.ValidationError(
                _("There is no category “%(key)s”. The categories are: %(keys)s."),
                code="unknown",
                params={"key": key, "keys": ", ".join(sorted(self.known))},
            )
        return key


class EntryRowForm(forms.Form):
    """One spreadsheet row; only the columns the file has are validated."""

    def __init__(self, data, columns, lookups):
        super().__init__(data)
        self.fields.update(
            {
                "ref": forms.SlugField(max_length=_max_length("ref")),
                "date": PartialDateTextField(),
                "end_date": PartialDateTextField(required=False),
                "circa": YesNoField(),
                "title_en": forms.CharField(max_length=_max_length("title_en")),
                "title_ja": forms.CharField(max_length=_max_length("title_ja"), required=False),
                "description_en": RichTextTextField(required=False),
                "description_ja": RichTextTextField(required=False),
                "category": CategoryKeyField(lookups.categories),
                "countries": KeysField(
                    lookups.countries,
                    _("Unknown country: %(keys)s. Use the slugs of the country pages, e.g. north-macedonia."),
                ),
                "related_news": KeysField(
                    lookups.news, _("Unknown news item: %(keys)s. Use the slug from its address.")
                ),
                "source_name_en": forms.CharField(max_length=_max_length("source_name_en"), required=False),
                "source_name_ja": forms.CharField(max_length=_max_length("source_name_ja"), required=False),
                "source_url": forms.URLField(
                    max_length=_max_length("source_url"), required=False, assume_scheme="https"
                ),
                "is_highlight": YesNoField(),
                "is_published": YesNoField(),
            }
        )
        for name in list(self.fields):
            if name not in columns:
                del self.fields[name]


@dataclass
class Lookups:
    """The objects a file may name, by their keys: read once for the whole file."""

    categories: dict
    countries: dict
    news: dict

    @classmethod
    def for_records(cls, records):
        news_slugs = {
            slug.lower()
            for _number, cells in records
            for slug in LIST_SEPARATORS.split(cells.get("related_news", ""))
            if slug
        }
        return cls(
            categories={category.key.lower(): category for category in Category.objects.all()},
            countries={country.slug.lower(): country for country in Country.objects.all()},
            news={item.slug.lower(): item for item in NewsItem.objects.filter(slug__in=news_slugs)},
        )


def entry_values(entry):
    """Return what `entry` holds, column by column, as an imported row would."""
    return {
        "ref": entry.ref,
        "date": (entry.date, entry.date_precision),
        "end_date": (entry.end_date, entry.end_date_precision) if entry.end_date else None,
        "circa": entry.circa,
        "title_en": entry.title_en or "",
        "title_ja": entry.title_ja or "",
        "description_en": entry.description_en or "",
        "description_ja": entry.description_ja or "",
        "category": entry.category.key.lower(),
        "countries": tuple(sorted(country.slug.lower() for country in entry.countries.all())),
        "related_news": tuple(sorted(item.slug.lower() for item in entry.related_news.all())),
        "source_name_en": entry.source_name_en or "",
        "source_name_ja": entry.source_name_ja or "",
        "source_url": entry.source_url,
        "is_highlight": entry.is_highlight,
        "is_published": entry.is_published,
    }


def format_cell(column, value):
    """Return a value as it is written in a spreadsheet cell."""
    if column in ("date", "end_date"):
        return partial_date_text(*value) if value else ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ", ".join(value)
    return value


def export_table(entries):
    """Return (header, rows) of text for `entries`, in the import's columns."""
    entries = entries.select_related("category").prefetch_related("countries", "related_news")
    rows = []
    for entry in entries:
        values = entry_values(entry)
        rows.append([format_cell(name, values[name]) for name in COLUMN_NAMES])
    return COLUMN_NAMES, rows


@dataclass
class RowError:
    row: int
    column: str
    message: str
    value: str = ""


@dataclass
class PlannedRow:
    row: int
    values: dict
    entry: ChronologyEntry | None
    changed: list = field(default_factory=list)

    @property
    def action(self):
        if self.entry is None:
            return "create"
        return "update" if self.changed else "unchanged"

    @property
    def ref(self):
        return self.values["ref"]

    @property
    def title(self):
        return self.values.get("title_en") or self.entry.title_en

    @property
    def date_display(self):
        date = self.values.get("date") or (self.entry.date, self.entry.date_precision)
        return format_partial_date(*date)


@dataclass
class ImportPlan:
    columns: list
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    lookups: Lookups | None = None

    @property
    def is_valid(self):
        return not self.errors

    @property
    def creates(self):
        return [row for row in self.rows if row.action == "create"]

    @property
    def updates(self):
        return [row for row in self.rows if row.action == "update"]

    @property
    def unchanged(self):
        return [row for row in self.rows if row.action == "unchanged"]

    @property
    def has_changes(self):
        return any(row.action != "unchanged" for row in self.rows)


def normalise_heading(text):
    return re.sub(r"[\s-]+", "_", text.strip().lower())


def header_errors(header):
    errors = []
    for index, name in enumerate(header):
        if not name:
            errors.append(RowError(1, "", _("A column has no heading.")))
        elif name not in COLUMN_NAMES:
            errors.append(
                RowError(
                    1,
                    name,
                    _("Unknown column. The columns are: %(columns)s.") % {"columns": ", ".join(COLUMN_NAMES)},
                    name,
                )
            )
        elif name in header[:index]:
            errors.append(RowError(1, name, _("This column appears twice."), name))
    if "ref" not in header:
        errors.append(RowError(1, "ref", _("This column is missing; every file needs it.")))
    return errors


def plan_import(table):
    """Return the ImportPlan for a spreadsheet Table: what each row would do, and every problem."""
    header = [normalise_heading(name) for name in table.header]
    while header and not header[-1]:
        header.pop()
    plan = ImportPlan(columns=header, errors=header_errors(header))
    if plan.errors:
        return plan
    records = []
    for number, cells in table.rows:
        extra = [cell for cell in cells[len(header) :] if cell]
        if extra:
            plan.errors.append(
                RowError(number, "", _("This row has a value in a column without a heading."), extra[0])
            )
        cells = list(cells[: len(header)]) + [""] * (len(header) - len(cells))
        records.append((number, dict(zip(header, cells, strict=True))))
    plan.lookups = Lookups.for_records(records)
    refs = {cells["ref"].strip() for _number, cells in records}
    existing = {
        entry.ref: entry
        for entry in ChronologyEntry.objects.filter(ref__in=refs)
        .select_related("category")
        .prefetch_related("countries", "related_news")
    }
    seen = {}
    for number, cells in records:
        form = EntryRowForm(cells, header, plan.lookups)
        if not form.is_valid():
            for column, messages in form.errors.items():
                plan.errors += [
                    RowError(number, column, message, cells.get(column, "")) for message in messages
                ]
            continue
        values = form.cleaned_data
        ref = values["ref"]
        if ref in seen:
            message = _("Row %(row)s has the same reference.") % {"row": seen[ref]}
            plan.errors.append(RowError(number, "ref", message, ref))
            continue
        seen[ref] = number
        entry = existing.get(ref)
        if entry is None and (missing := [name for name in NEEDED_TO_CREATE if name not in header]):
            plan.errors += [
                RowError(number, name, _("A new entry needs this column."), ref) for name in missing
            ]
            continue
        current = entry_values(entry) if entry else {"end_date": None}
        start = values.get("date") or current["date"]
        end = values["end_date"] if "end_date" in values else current["end_date"]
        if end and end[0] < start[0]:
            column = "end_date" if "end_date" in values else "date"
            plan.errors.append(
                RowError(number, column, _("The end cannot come before the start."), cells[column])
            )
            continue
        changed = [name for name in header if entry is None or values[name] != current[name]]
        plan.rows.append(PlannedRow(number, values, entry, changed))
    plan.errors.sort(
        key=lambda error: (error.row, header.index(error.column) if error.column in header else -1)
    )
    return plan


def apply_import(plan, reason=""):
    """Write a valid plan in one transaction; return the numbers created and updated."""
    if not plan.is_valid:
        raise ValueError("An import with errors is never written.")
    lookups = plan.lookups
    # The untranslated columns modeltranslation keeps hold the default language.
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        for planned in plan.rows:
            if planned.action == "unchanged":
                continue
            entry = planned.entry or ChronologyEntry(ref=planned.ref)
            for name, value in planned.values.items():
                if name == "date":
                    entry.date, entry.date_precision = value
                elif name == "end_date":
                    entry.end_date, entry.end_date_precision = value or (None, DatePrecision.DAY)
                elif name == "category":
                    entry.category = lookups.categories[value]
                elif name not in RELATIONS:
                    setattr(entry, name, value)
            entry._change_reason = reason
            entry.save()
            if "countries" in planned.values:
                entry.countries.set([lookups.countries[slug] for slug in planned.values["countries"]])
            if "related_news" in planned.values:
                entry.related_news.set([lookups.news[slug] for slug in planned.values["related_news"]])
    return {"created": len(plan.creates), "updated": len(plan.updates)}
