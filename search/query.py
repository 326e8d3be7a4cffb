"""A reader's search: what it matches, in what order, and what it might have meant.

A query is read as groups of words. Each word is a group; where the query
names a country or partner (by its name in either language or one of the
other names staff gave it) that span is one group whose alternatives are all
of its names, so "Turkey" also finds what was written about "Türkiye" and
"トルコ". A record matches when any group does, and ranks by how many groups
it matches, each counting more in the title than in the summary and more
there than in the body; among equals the newer comes first. A longer question
still finds the records that answer most of it.

On PostgreSQL the groups are full-text queries over the stored, weighted
vector (English stemmed, other languages as split by `search.text`); on
SQLite they are word-prefix matches over the same folded terms. Folding
(accents, width, kana) happens in Python before either sees a word, so both
databases read the same words.

When the query names one country or partner more than anything else, that
record is the search's `entity`, shown first as a card. Words the index has
never seen are corrected towards the nearest word it holds (`corrected()`).
Every search costs the same few queries, however many records match.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import reduce
from operator import add, or_

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Case, Expression, F, FloatField, Q, Value, When
from django.utils.functional import cached_property
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from countries.models import Country
from pagecache import generations as g
from pagecache.store import remember
from partners.models import PartnerOrganisation

from .index import SOURCES, names_in
from .models import SearchDocument, SearchTerm
from .text import JAPANESE_RUN, highlight, snippet, stem, words

SOURCE_OF_KIND = {source.kind: source for source in SOURCES}

Kind = SearchDocument.Kind
MAX_WORDS = 12
# The most documents of each kind a search ranks: the newest that match.
CANDIDATES = 1000
FIELD_WEIGHTS = {"title_terms": 1.0, "summary_terms": 0.4, "body_terms": 0.2}
# Left out of a query that has other words: they match nearly everything.
STOP_WORDS = frozenset(
    "a an and are as at be between by did do does for from how in is it its of on or the to was were "
    "what when where which who why with".split()
)
BADGES = {
    Kind.NEWS: _("News"),
    Kind.COUNTRIES: _("Country"),
    Kind.CHRONOLOGY: _("Chronology"),
    Kind.PARTNERS: _("Partner"),
}
ENTITY_KINDS = {Country: Kind.COUNTRIES, PartnerOrganisation: Kind.PARTNERS}


def _is_japanese(word):
    return bool(JAPANESE_RUN.search(word))


def allowed_slips(word):
    """Return how many letters of `word` may be wrong and still be corrected (0: none)."""
    if _is_japanese(word):
        return 1 if len(word) >= 4 else 0
    if not word.isalpha() or len(word) < 4:
        return 0
    return 1 if len(word) < 7 else 2


def _best_first(hit):
    """Sort key of a hit: the best rank first; among equals the newer (undated last), then a fixed order."""
    newest = hit["newest"]
    return (-hit["rank"], newest is None, -newest.toordinal() if newest else 0, hit["kind"], hit["object_id"])


@dataclass(frozen=True)
class Entity:
    """A country or partner as search recognises it: its names, folded, each a tuple of words."""

    kind: str
    object_id: int
    names: tuple
    flag_url: str = ""


def _entities():
    entities = []
    for model, kind in ENTITY_KINDS.items():
        name_fields = [f"name_{code}" for code, _name in settings.LANGUAGES]
        extra = ["iso_code"] if model is Country else []
        for record in model.objects.published().only("pk", "other_names", *name_fields, *extra):
            names = [getattr(record, name) for name in name_fields] + names_in(record.other_names)
            folded = tuple(dict.fromkeys(name for name in (tuple(words(name)) for name in names) if name))
            entities.append(Entity(kind, record.pk, folded, record.flag_url if model is Country else ""))
    return entities


def entities():
    """Return every public country and partner with its names (kept until one of them changes)."""
    return remember("search:entities", [g.COUNTRIES, g.PARTNERS], _entities)


def _contains(sequence, part):
    size = len(part)
    return any(tuple(sequence[i : i + size]) == part for i in range(len(sequence) - size + 1))


@dataclass
class Mention:
    entity: Entity
    name: tuple  # the name as the query wrote it
    covers: float  # the share of the query's words it takes


def _mentions(query_words):
    """Return the countries and partners the query names, the one naming the most of it first."""
    found = {}
    content = [word for word in query_words if word not in STOP_WORDS] or query_words
    for entity in entities():
        for name in entity.names:
            if _contains(query_words, name):
                covers = len([word for word in name if word in content]) / max(1, len(content))
                best = found.get(entity)
                if best is None or covers > best.covers:
                    found[entity] = Mention(entity, name, covers)
    return sorted(found.values(), key=lambda mention: -mention.covers)


class StoredSearchVector(Expression):
    """The `search_vector` column that the PostgreSQL migration adds to the index."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.base_table)
        return f"{table}.{connection.ops.quote_name('search_vector')}", []


@dataclass
class Result:
    kind: str
    badge: str
    title: SafeString
    snippet: SafeString
    url: str
    date: date | None
    date_display: str
    lang: str  # the language shown, when it is not the page's (a fall-back to English)
    flag_url: str = ""


@dataclass
class Group:
    """Alternatives, each a tuple of words that must all match: ("turkey",), ("turkiye",), ("トルコ",)."""

    alternatives: list = field(default_factory=list)


class Search:
    """A reader's query: the records matching it, best first, and how many of each kind."""

    def __init__(self, text):
        self.words = words(text, query=True)[:MAX_WORDS]
        content = [word for word in self.words if word not in STOP_WORDS]
        self.content = content or self.words
        self.capped = set()

    def __bool__(self):
        return bool(self.words)

    @cached_property
    def mentions(self):
        return _mentions(self.words) if self.words else []

    @property
    def entity(self):
        """Return the country or partner this search is about, or None.

        It is the one whose name takes at least half the query's words, and
        more of them than any other named ("Slovenia", "Embassy of Kosovo";
        not "Japan Romania", which names two alike).
        """
        mentions = self.mentions
        if not mentions or mentions[0].covers < 0.5:
            return None
        if len(mentions) > 1 and mentions[1].covers == mentions[0].covers:
            return None
        return mentions[0].entity

    @cached_property
    def groups(self):
        """The query as groups of alternatives: a named country or partner is one group of all its names."""
        groups, taken = [], set()
        for mention in self.mentions:
            span = set(mention.name)
            if span & taken:
                continue
            taken |= span
            groups.append(Group([*mention.entity.names]))
        groups.extend(Group([(word,)]) for word in self.content if word not in taken)
        return groups

    # --- matching -------------------------------------------------------------------------------

    @staticmethod
    def word_in(column, word):
        """Return the condition that `column` holds `word` (a Japanese word anywhere, others as a word's start)."""
        if _is_japanese(word):
            return Q(**{f"{column}__contains": word})
        root = stem(word)
        # A word, or one it begins ("relation" finds "relations"), never the inside of another.
        return Q(**{f"{column}__startswith": root}) | Q(**{f"{column}__contains": f" {root}"})

    def _in_column(self, group, column):
        return reduce(
            or_,
            (
                reduce(lambda a, b: a & b, (self.word_in(column, w) for w in alt))
                for alt in group.alternatives
            ),
        )

    def _tsquery(self, group):
        """Return the full-text query of `group`: each alternative as a phrase, stemmed as English and as written.

        English documents hold English stems, the others their words as
        split; one query with both forms matches each in its own.
        """
        return reduce(
            or_,
            (
                SearchQuery(" ".join(alt), config=config, search_type="phrase")
                for alt in group.alternatives
                for config in ("english", "simple")
            ),
        )

    def _group_match(self, group):
        """Return the condition that a document matches `group`."""
        if connection.vendor == "postgresql":
            return Q(vector=self._tsquery(group))
        return reduce(or_, (self._in_column(group, column) for column in FIELD_WEIGHTS))

    def _group_score(self, group):
        """Return 1 plus the group's weight where it matches a document (title > summary > body), else 0."""
        if connection.vendor == "postgresql":
            query = self._tsquery(group)
            return Case(
                When(Q(vector=query), then=Value(1.0) + SearchRank(StoredSearchVector(), query)),
                default=Value(0.0),
                output_field=FloatField(),
            )
        cases = [
            When(self._in_column(group, column), then=Value(1.0 + weight))
            for column, weight in FIELD_WEIGHTS.items()
        ]
        return Case(*cases, default=Value(0.0), output_field=FloatField())

    def _documents(self):
        documents = SearchDocument.objects.all()
        if connection.vendor == "postgresql":
            documents = documents.alias(vector=StoredSearchVector())
        return documents

    def _candidates(self, kind, *columns, public=True, **annotations):
        """Return the newest CANDIDATES public documents of `kind` that match (undated profiles first).

        On PostgreSQL a word in every story is answered by walking the
        (kind, date) index until enough match, a rare word by the GIN index:
        either way a few milliseconds at 100,000 stories, where ranking every
        match would read them all. Each candidate's record is checked public
        by its primary key, not by reading every public record. Rows of
        `columns`, after `annotations` (the rank) are added.
        """
        matching = (
            self._documents().filter(kind=kind).filter(reduce(or_, map(self._group_match, self.groups)))
        )
        if public:
            matching = matching.filter(SOURCE_OF_KIND[kind].is_public())
        newest = F("date").desc(nulls_first=True)
        return matching.annotate(**annotations).order_by(newest).values_list(*columns)[:CANDIDATES]

    def ranking(self):
        """Return the query of every candidate document, ranked: (kind, object_id, date, rank) rows.

        One union of a part per kind: at most CANDIDATES rows of each kind.
        """
        rank = reduce(add, (self._group_score(group) for group in self.groups))
        columns = ("kind", "object_id", "date", "rank")
        if connection.features.supports_slicing_ordering_in_compound:
            # Each candidate is scored as it is found.
            per_kind = [self._candidates(source.kind, *columns, rank=rank) for source in SOURCES]
        else:
            # SQLite takes no LIMIT in a part of a union: each part reads its candidates by key.
            per_kind = [
                self._documents()
                .filter(pk__in=self._candidates(source.kind, "pk"))
                .annotate(rank=rank)
                .values_list(*columns)
                for source in SOURCES
            ]
        return per_kind[0].union(*per_kind[1:], all=True)

    @cached_property
    def _ranked(self):
        """Return one row per matching record (kind, object_id, rank, newest), best first, in one query.

        A record's versions (its languages) are folded into one row here: its
        best rank and its newest date.
        """
        records, documents = {}, Counter()
        for kind, object_id, day, score in self.ranking():
            documents[kind] += 1
            best = records.get((kind, object_id))
            if best is None:
                records[(kind, object_id)] = {
                    "kind": kind,
                    "object_id": object_id,
                    "rank": score,
                    "newest": day,
                }
            else:
                best["rank"] = max(best["rank"], score)
                if day is not None and (best["newest"] is None or day > best["newest"]):
                    best["newest"] = day
        self.capped = {kind for kind, number in documents.items() if number >= CANDIDATES}
        return sorted(records.values(), key=_best_first)

    def hits(self, kind=None):
        """Return one row per matching record of `kind` (or of any): kind, object_id, rank, newest; best first."""
        return [hit for hit in self._ranked if kind is None or hit["kind"] == kind]

    def counts(self):
        """Return {kind: number of matching records}, and the kinds with more than are ranked.

        At most CANDIDATES documents of each kind are ranked; a kind that
        reaches that many is in `capped` ("1,000+").
        """
        return dict(Counter(hit["kind"] for hit in self._ranked))

    # --- what the reader might have meant ---------------------------------------------------------

    def corrections(self):
        """Return {word: the nearest word the index holds} for each word of the query it has never seen.

        A word is corrected by at most one letter in short words and two in
        longer ones, towards the closest known word sharing its first or last
        letter (ties: the more common beginning). Costs one query, and one
        more when a word is unknown.
        """
        candidates = [word for word in dict.fromkeys(self.words) if allowed_slips(word)]
        if not candidates:
            return {}
        known = set(SearchTerm.objects.filter(term__in=candidates).values_list("term", flat=True))
        unknown = [word for word in candidates if word not in known]
        if not unknown:
            return {}
        near = reduce(
            or_,
            (
                (Q(head=word[0]) | Q(tail=word[-1]))
                & Q(length__gte=len(word) - allowed_slips(word), length__lte=len(word) + allowed_slips(word))
                for word in unknown
            ),
        )
        vocabulary = list(SearchTerm.objects.filter(near).values_list("term", flat=True).order_by("term"))
        replacements = {}
        for word in unknown:
            best = process.extractOne(
                word, vocabulary, scorer=Levenshtein.distance, score_cutoff=allowed_slips(word)
            )
            if best and best[0] != word and not best[0].startswith(stem(word)):
                replacements[word] = best[0]
        return replacements

    # --- showing ------------------------------------------------------------------------------------

    def results(self, hits, language, entity=None):
        """Return the `hits` as Results, each shown in `language` where written in it, else in English.

        With an `entity`, it comes first and is not repeated among the rest.
        """
        hits = list(hits)
        if entity:
            hits = [{"kind": entity.kind, "object_id": entity.object_id}] + [
                hit for hit in hits if (hit["kind"], hit["object_id"]) != (entity.kind, entity.object_id)
            ]
        if not hits:
            return []
        wanted = reduce(
            or_,
            (
                Q(kind=kind, object_id__in=[hit["object_id"] for hit in hits if hit["kind"] == kind])
                for kind in {hit["kind"] for hit in hits}
            ),
        )
        versions = {}
        shown = SearchDocument.objects.filter(wanted).defer("title_terms", "summary_terms", "body_terms")
        for document in shown:
            versions.setdefault((document.kind, document.object_id), {})[document.language] = document
        # A name of several words is marked where it stands whole, not word by word.
        marked = [
            alt
            for group in self.groups
            for alt in group.alternatives
            if len(alt) > 1 or alt[0] not in STOP_WORDS
        ]
        results = []
        for hit in hits:
            found = versions.get((hit["kind"], hit["object_id"]))
            if not found:
                continue
            document = found.get(language) or found.get(settings.LANGUAGE_CODE) or next(iter(found.values()))
            url = document.url_in(language)
            is_entity = entity is not None and (hit["kind"], hit["object_id"]) == (
                entity.kind,
                entity.object_id,
            )
            results.append(
                Result(
                    kind=document.kind,
                    badge=BADGES[document.kind],
                    title=highlight(document.title, marked),
                    # The card reads as the profile begins; a result shows where the query is met.
                    snippet=snippet([document.summary or document.body], marked, from_start=True)
                    if is_entity
                    else snippet([document.summary, document.body], marked),
                    url=url,
                    date=document.date,
                    date_display=document.date_display,
                    lang=document.language if document.language != language else "",
                    flag_url=entity.flag_url if is_entity else "",
                )
            )
        return results
