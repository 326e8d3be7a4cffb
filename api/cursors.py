"""Cursor pagination: each page starts after the sort key of the last row of the one before.

A cursor is the signed sort key of that row (with Django's signing, salted per
list), so it is opaque to clients, cannot be forged into another query, and
stays right when stories are added: the next page starts after the row the
reader saw last, not at an offset that new rows would shift. A page costs one
range scan of the list's index, however deep it is.
"""

import datetime
from dataclasses import dataclass

from django.core import signing
from django.db.models import Q

PARSERS = {
    "datetime": datetime.datetime.fromisoformat,
    "date": datetime.date.fromisoformat,
    "int": int,
    "str": str,
}


class BadCursor(ValueError):
    """A cursor this list did not give out (edited, forged, or from another list)."""


@dataclass(frozen=True)
class Keyset:
    """The sort order of one list, as ("-publish_at", "datetime") pairs, unique by its last field."""

    name: str
    fields: tuple

    def ordering(self):
        return [field for field, _kind in self.fields]

    def key_of(self, row):
        """Return the sort key of `row`, as the cursor keeps it."""
        values = []
        for field, kind in self.fields:
            value = getattr(row, field.lstrip("-"))
            values.append(value.isoformat() if kind in ("datetime", "date") else value)
        return values

    def encode(self, row):
        return signing.dumps(self.key_of(row), salt=f"api.cursor.{self.name}", compress=True)

    def decode(self, cursor):
        """Return the sort key in `cursor`; BadCursor if this list did not make it."""
        try:
            values = signing.loads(cursor, salt=f"api.cursor.{self.name}")
            if not isinstance(values, list) or len(values) != len(self.fields):
                raise ValueError
            return [PARSERS[kind](value) for value, (_field, kind) in zip(values, self.fields, strict=True)]
        except (signing.BadSignature, ValueError, TypeError, UnicodeError):
            raise BadCursor(cursor) from None

    def after(self, key):
        """Return a Q for the rows strictly after sort key `key` in this order."""
        condition = Q()
        for index, (field, _kind) in enumerate(self.fields):
            name = field.lstrip("-")
            lookup = "lt" if field.startswith("-") else "gt"
            equal = {self.fields[i][0].lstrip("-"): key[i] for i in range(index)}
            condition |= Q(**equal, **{f"{name}__{lookup}": key[index]})
        first = self.fields[0][0]
        # Implied by the disjunction, but lets the database bound its index scan.
        bound = Q(**{f"{first.lstrip('-')}__{'lte' if first.startswith('-') else 'gte'}": key[0]})
        return bound & condition

    def page(self, rows, cursor, limit):
        """Return (the rows of the page after `cursor`, the cursor of the next page or None)."""
        rows = rows.order_by(*self.ordering())
        if cursor:
            rows = rows.filter(self.after(self.decode(cursor)))
        found = list(rows[: limit + 1])
        if len(found) <= limit:
            return found, None
        found = found[:limit]
        return found, self.encode(found[-1])
