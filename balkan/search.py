"""One search over news, countries, chronology and partners, in every language.

The index (`SearchDocument`) holds one row per record and language it is
written in. `index()` rewrites a record's rows whenever it is saved (connected
to the four models in `BalkanConfig.ready`), `rebuild()` rewrites them all
(`manage.py rebuild_search_index`, and the end of `load_demo`). Whether the
public may see a record is decided when searching, by each model's
`published()`, so scheduled news appear when they are due and a record taken
offline disappears at once, even if its index rows are stale.

On PostgreSQL records are matched and ranked by full-text search over the
stored, weighted vector (title > summary > body); elsewhere (SQLite) every
word must appear in the normalised text, and a word in the title counts more
than one in the summary, which counts more than one in the body. Either way a
search costs the same few queries, however many records match.
"""

from dataclasses import dataclass
from datetime import date
from functools import reduce
from operator import add, and_, or_

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection, transaction
from django.db.models import Case, Count, Expression, F, FloatField, Max, Q, Value, When
from django.db.models.signals import post_delete, post_save
from django.urls import reverse, translate_url
from django.utils import timezone, translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from chronology.models import ChronologyEntry
from core.dates import DatePrecision
from core.richtext import RichTextField
from countries.models import Country
from news.models import NewsItem
from partners.models import PartnerOrganisation

from .models import SearchDocument
from .searchtext import highlight, snippet, terms, text_of_html, words

Kind = SearchDocument.Kind
MAX_WORDS = 12
WEIGHTS = {"title_terms": 1.0, "summary_terms": 0.4, "body_terms": 0.2}


@dataclass(frozen=True)
class Source:
    """How one model's records become search documents."""

    kind: str
    model: type
    title: str
    summary: tuple = ()
    body: tuple = ()

    def public(self):
        return self.model._default_manager.published()

    def path(self, obj):
        if self.model is ChronologyEntry:
            # Entries have no page of their own; each is an anchor in the chronology.
            return f"{reverse('chronology:list')}#entry-{obj.ref}"
        return obj.get_absolute_url()

    def dated(self, obj):
        if self.model is NewsItem:
            return timezone.localdate(obj.publish_at), DatePrecision.DAY
        if self.model is ChronologyEntry:
            return obj.date, obj.date_precision
        return None, DatePrecision.DAY


SOURCES = (
    Source(Kind.NEWS, NewsItem, "title", ("summary",), ("body", "venue", "city", "source_name")),
    Source(Kind.COUNTRIES, Country, "name", ("summary",), ("official_name", "capital", "overview")),
    Source(Kind.CHRONOLOGY, ChronologyEntry, "title", ("description",), ("source_name",)),
    Source(Kind.PARTNERS, PartnerOrganisation, "name", ("description",), ("address",)),
)
SOURCE_OF_MODEL = {source.model: source for source in SOURCES}
BADGES = {
    Kind.NEWS: _("News"),
    Kind.COUNTRIES: _("Country"),
    Kind.CHRONOLOGY: _("Chronology"),
    Kind.PARTNERS: _("Partner"),
}


def _text(obj, name, language):
    """Return the plain text of field `name` as written in `language` (no fall-back)."""
    localized = build_localized_fieldname(name, language)
    if hasattr(obj, localized):
        value = getattr(obj, localized)
    elif language == settings.LANGUAGE_CODE:
        value = getattr(obj, name)
    else:
        return ""
    if isinstance(obj._meta.get_field(name), RichTextField):
        return text_of_html(value)
    return " ".join(str(value or "").split())


def documents(obj):
    """Return the unsaved search documents of `obj`, one per language its title is written in."""
    source = SOURCE_OF_MODEL[obj._meta.concrete_model]
    with translation.override(settings.LANGUAGE_CODE):
        path = source.path(obj)
    day, precision = source.dated(obj)
    result = []
    for language, _name in settings.LANGUAGES:
        title = _text(obj, source.title, language)
        if not title:
            continue
        summary = " ".join(filter(None, (_text(obj, name, language) for name in source.summary)))
        body = " · ".join(filter(None, (_text(obj, name, language) for name in source.body)))
        result.append(
            SearchDocument(
                kind=source.kind,
                object_id=obj.pk,
                language=language,
                title=title,
                summary=summary,
                body=body,
                path=path,
                date=day,
                date_precision=precision,
                title_terms=terms(title),
                summary_terms=terms(summary),
                body_terms=terms(body),
            )
        )
    return result


def index(obj):
    """Write the search documents of `obj`, replacing its old ones."""
    source = SOURCE_OF_MODEL[obj._meta.concrete_model]
    with transaction.atomic():
        SearchDocument.objects.filter(kind=source.kind, object_id=obj.pk).delete()
        SearchDocument.objects.bulk_create(documents(obj))


def forget(obj):
    """Remove the search documents of `obj`."""
    source = SOURCE_OF_MODEL[obj._meta.concrete_model]
    SearchDocument.objects.filter(kind=source.kind, object_id=obj.pk).delete()


def rebuild():
    """Rewrite the whole index from the records; return the number of documents written."""
    written = 0
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        for source in SOURCES:
            batch = []
            for obj in source.model._default_manager.order_by("pk").iterator(chunk_size=500):
                batch.extend(documents(obj))
                if len(batch) >= 500:
                    written += len(SearchDocument.objects.bulk_create(batch))
                    batch = []
            written += len(SearchDocument.objects.bulk_create(batch))
    return written


def _on_save(sender, instance, raw=False, **kwargs):
    if not raw:
        index(instance)


def _on_delete(sender, instance, **kwargs):
    forget(instance)


def connect_signals():
    """Keep the index up to date whenever one of the four models is saved or deleted.

    Signals rather than save() overrides keep the search in this one module;
    the models of the other apps need not know about it.
    """
    for source in SOURCES:
        post_save.connect(_on_save, sender=source.model, dispatch_uid=f"search-index-{source.kind}")
        post_delete.connect(_on_delete, sender=source.model, dispatch_uid=f"search-forget-{source.kind}")


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


class Search:
    """A reader's query: the records matching it, best first, and how many of each kind."""

    def __init__(self, text):
        self.words = words(text)[:MAX_WORDS]
        self.terms = " ".join(self.words)

    def __bool__(self):
        return bool(self.words)

    def _matching(self):
        public = reduce(or_, (Q(kind=s.kind, object_id__in=s.public().values("pk")) for s in SOURCES))
        documents = SearchDocument.objects.filter(public)
        if connection.vendor == "postgresql":
            english, other = self._queries()
            # The first condition is the one the GIN index answers; the second
            # keeps each language to its own configuration.
            return (
                documents.alias(vector=StoredSearchVector())
                .filter(vector=english | other)
                .filter(Q(language="en", vector=english) | (~Q(language="en") & Q(vector=other)))
            )
        return documents.filter(
            reduce(and_, (reduce(or_, (Q(**{f"{c}__contains": w}) for c in WEIGHTS)) for w in self.words))
        )

    def _queries(self):
        # The English configuration stems and drops stop words; `simple`
        # takes the words as split by searchtext (Janome for Japanese).
        return (
            SearchQuery(self.terms, config="english", search_type="plain"),
            SearchQuery(self.terms, config="simple", search_type="plain"),
        )

    def _rank(self):
        if connection.vendor == "postgresql":
            english, other = self._queries()
            return Case(
                When(language="en", then=SearchRank(StoredSearchVector(), english)),
                default=SearchRank(StoredSearchVector(), other),
                output_field=FloatField(),
            )

        def weight(word):
            cases = [When(**{f"{c}__contains": word}, then=Value(w)) for c, w in WEIGHTS.items()]
            return Case(*cases, default=Value(0.0), output_field=FloatField())

        return reduce(add, (weight(word) for word in self.words))

    def hits(self, kind=None):
        """Return one row per matching record (kind, object_id, rank, newest), best first."""
        documents = self._matching()
        if kind:
            documents = documents.filter(kind=kind)
        return (
            documents.values("kind", "object_id")
            .annotate(rank=Max(self._rank()), newest=Max("date"))
            .order_by("-rank", F("newest").desc(nulls_last=True), "kind", "object_id")
        )

    def counts(self):
        """Return {kind: number of matching records}."""
        rows = self._matching().values("kind").annotate(records=Count("object_id", distinct=True)).order_by()
        return {row["kind"]: row["records"] for row in rows}

    def results(self, hits, language):
        """Return the `hits` as Results, each shown in `language` where written in it, else in English."""
        hits = list(hits)
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
        for document in SearchDocument.objects.filter(wanted):
            versions.setdefault((document.kind, document.object_id), {})[document.language] = document
        results = []
        for hit in hits:
            found = versions.get((hit["kind"], hit["object_id"]))
            if not found:
                continue
            document = found.get(language) or found.get(settings.LANGUAGE_CODE) or next(iter(found.values()))
            with translation.override(settings.LANGUAGE_CODE):
                url = translate_url(document.path, language)
            results.append(
                Result(
                    kind=document.kind,
                    badge=BADGES[document.kind],
                    title=highlight(document.title, self.words),
                    snippet=snippet([document.summary, document.body], self.words),
                    url=url,
                    date=document.date,
                    date_display=document.date_display,
                    lang=document.language if document.language != language else "",
                )
            )
        return results
