"""One search over news, countries, chronology and partners.

A simple, database-agnostic search: every word of the query must appear in a
title, summary or body, in English or Japanese. Each type costs one query.
"""

from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from chronology.models import ChronologyEntry
from countries.models import Country
from news.models import NewsItem
from partners.models import PartnerOrganisation

MAX_TERMS = 8
PER_TYPE = 20


@dataclass
class Result:
    kind: str
    title: str
    summary: str
    url: str
    obj: object


def _terms(query):
    return [term for term in query.split()[:MAX_TERMS] if term]


def _matching(terms, fields):
    """Return a Q requiring every term to be in one of the fields (both languages)."""

    def any_field(term):
        return reduce(or_, (Q(**{f"{f}_{lang}__icontains": term}) for f in fields for lang in ("en", "ja")))

    return reduce(and_, (any_field(term) for term in terms))


def search(query):
    """Return the results for `query`, best-matching types first."""
    terms = _terms(query)
    if not terms:
        return []
    results = []
    for item in NewsItem.objects.published().filter(_matching(terms, ["title", "summary", "body"]))[
        :PER_TYPE
    ]:
        results.append(Result(_("News"), item.title, item.summary, item.get_absolute_url(), item))
    for country in Country.objects.published().filter(_matching(terms, ["name", "summary", "overview"]))[
        :PER_TYPE
    ]:
        results.append(
            Result(_("Country"), country.name, country.summary, country.get_absolute_url(), country)
        )
    for entry in ChronologyEntry.objects.published().filter(_matching(terms, ["title", "description"]))[
        :PER_TYPE
    ]:
        results.append(
            Result(_("Chronology"), entry.title, entry.date_display, f"/chronology/#entry-{entry.ref}", entry)
        )
    for partner in PartnerOrganisation.objects.published().filter(_matching(terms, ["name", "description"]))[
        :PER_TYPE
    ]:
        results.append(
            Result(
                _("Partner"), partner.name, partner.get_kind_display(), partner.get_absolute_url(), partner
            )
        )
    return results
