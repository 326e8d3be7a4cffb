"""Pagination whose deep pages cost what the first one does.

`?page=N` with OFFSET makes the database walk every row before the page: page
4,000 of 20 stories reads 80,000 index entries. AnchoredPaginator instead keeps,
per generation of the list, its length and the sort key of every
`anchor_every`-th row (one pass over the index, once per change). A page then
starts from the nearest anchor at or before it: an index range scan that reads
at most `anchor_every` + `per_page` rows, wherever the page is.
"""

from django.core.paginator import Paginator
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.utils.functional import cached_property

from .store import remember


class AnchoredPaginator(Paginator):
    anchor_every = 200

    def __init__(self, object_list, per_page, *, cache_key, generations, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cache_key = cache_key
        self.generations = generations
        order_by = object_list.query.order_by or object_list.model._meta.ordering
        self.ordering = [(name.lstrip("-"), name.startswith("-")) for name in order_by]

    @cached_property
    def count(self):
        return remember(f"{self.cache_key}:count", self.generations, self.object_list.count)

    def anchors(self):
        """Return the sort keys of rows anchor_every, 2 × anchor_every, … (0-based positions)."""
        return remember(f"{self.cache_key}:anchors:{self.anchor_every}", self.generations, self._find_anchors)

    def _find_anchors(self):
        return list(self.anchor_rows()) if self.count > self.anchor_every else []

    def anchor_rows(self):
        """Return the query of the anchors: one pass over the list's index, numbering its rows."""
        positions = range(self.anchor_every + 1, self.count + 1, self.anchor_every)
        order = [F(name).desc() if descending else F(name).asc() for name, descending in self.ordering]
        return (
            self.object_list.prefetch_related(None)
            .annotate(_row=Window(RowNumber(), order_by=order))
            .filter(_row__in=list(positions))
            .order_by("_row")
            .values_list(*(name for name, _ in self.ordering))
        )

    def _from(self, key):
        """Return a Q for the rows at or after sort key `key` in this list's order."""
        after = Q()
        for index, (name, descending) in enumerate(self.ordering):
            last = index == len(self.ordering) - 1
            lookup = ("lte" if descending else "gte") if last else ("lt" if descending else "gt")
            equal = {self.ordering[i][0]: key[i] for i in range(index)}
            after |= Q(**equal, **{f"{name}__{lookup}": key[index]})
        first, descending = self.ordering[0]
        # Implied by the disjunction, but lets the database bound its index scan.
        return Q(**{f"{first}__{'lte' if descending else 'gte'}": key[0]}) & after

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        anchor = bottom // self.anchor_every
        if anchor == 0:
            return self._get_page(self.object_list[bottom:top], number, self)
        start = anchor * self.anchor_every
        rows = self.object_list.filter(self._from(self.anchors()[anchor - 1]))
        return self._get_page(rows[bottom - start : top - start], number, self)
