"""Suggestions as you type: the countries and partners whose names begin so, then the newest titles that do.

What is typed so far is read as whole words and, for the last one, a word
begun ("slo" → Slovenia, "seis" → seismic). Countries and partners come from
the same list of names the search recognises (names in each language and the
other names staff gave them); titles come from the index, in the page's
language where written in it. On PostgreSQL titles are matched through the
GIN-indexed vector (prefix lexemes of weight A); elsewhere by word prefixes of
the folded title terms. Two queries at most, however large the index.
"""

from functools import reduce
from operator import and_, or_

from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import F, Q

from .index import SOURCES
from .models import SearchDocument
from .query import BADGES, Search, StoredSearchVector, entities
from .text import words

LIMIT = 6
# Titles read per language before the newest `LIMIT` of them are kept: enough for records in two.
READ = LIMIT * 3


def _begins(name, typed):
    """Whether the words `typed` begin the name `name` (the last one may be unfinished)."""
    if len(typed) > len(name):
        return False
    *whole, last = typed
    return list(name[: len(whole)]) == whole and name[len(whole)].startswith(last)


def _lexeme(word):
    return "'" + word.replace("\\", "").replace("'", "''") + "'"


def _titles_beginning(typed):
    """Return the condition that a document's title holds the words `typed` (the last begun)."""
    if connection.vendor == "postgresql":
        raw = " & ".join([f"{_lexeme(word)}:A" for word in typed[:-1]] + [f"{_lexeme(typed[-1])}:*A"])
        english = SearchQuery(raw, config="english", search_type="raw")
        other = SearchQuery(raw, config="simple", search_type="raw")
        return Q(language="en", vector=english) | (~Q(language="en") & Q(vector=other))
    conditions = [Search.word_in("title_terms", word) for word in typed[:-1]]
    last = typed[-1]
    conditions.append(Q(title_terms__startswith=last) | Q(title_terms__contains=f" {last}"))
    return reduce(and_, conditions)


def suggestions(query, language):
    """Return up to LIMIT {"title", "url", "kind"} for what is typed, countries and partners first."""
    typed = words(query, query=True)
    if not typed:
        return []
    named = [
        (entity.kind, entity.object_id)
        for entity in entities()
        if any(_begins(name, typed) for name in entity.names)
    ][:LIMIT]
    wanted = Q(pk__in=[])
    if named:
        wanted |= reduce(or_, (Q(kind=kind, object_id=object_id) for kind, object_id in named))
    per_kind = []
    for source in SOURCES:
        documents = SearchDocument.objects.filter(
            source.is_public(),
            kind=source.kind,
            language__in={language, settings.LANGUAGE_CODE},
        )
        if connection.vendor == "postgresql":
            documents = documents.alias(vector=StoredSearchVector())
        newest = documents.filter(wanted | _titles_beginning(typed)).order_by(
            F("date").desc(nulls_first=True)
        )
        per_kind.append(SearchDocument.objects.filter(pk__in=newest.values("pk")[:READ]))
    fields = ("kind", "object_id", "language", "title", "path", "date")
    found = sorted(
        per_kind[0]
        .values_list(*fields)
        .union(*(each.values_list(*fields) for each in per_kind[1:]), all=True),
        key=lambda row: (row[5] is not None, -(row[5].toordinal() if row[5] else 0)),
    )
    found = [
        SearchDocument(kind=k, object_id=o, language=la, title=t, path=p) for k, o, la, t, p, _d in found
    ]
    versions = {}
    for document in found:
        key = (document.kind, document.object_id)
        if key not in versions or document.language == language:
            versions[key] = document
    ordered = named + [key for key in dict.fromkeys((d.kind, d.object_id) for d in found) if key not in named]
    result = []
    for key in ordered:
        document = versions.get(key)
        if document is None:
            continue
        url = document.url_in(language)
        result.append({"title": document.title, "url": url, "kind": str(BADGES[document.kind])})
        if len(result) == LIMIT:
            break
    return result
