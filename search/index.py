"""The search index: what each news item, country, chronology entry and partner becomes.

The index (`SearchDocument`) holds one row per record and language it is
written in. `index()` rewrites a record's rows whenever it is saved (connected
to the four models in `SearchConfig.ready`), `rebuild()` rewrites them all
(`manage.py rebuild_search_index`, and the end of `load_demo`). Whether the
public may see a record is decided when searching (`search.query`), by each
model's `published()`, so scheduled news appear when they are due and a record
taken offline disappears at once, even if its index rows are stale.

A country's or partner's other names (Turkey, Turkiye, トルコ for Türkiye)
are indexed with its title in every language. Every word written is also kept
in `SearchTerm`, the vocabulary that typo tolerance corrects against.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import timezone, translation
from modeltranslation.utils import build_localized_fieldname

from chronology.models import ChronologyEntry
from core.dates import DatePrecision
from core.richtext import RichTextField, text_of_html
from countries.models import Country
from news.models import NewsItem
from partners.models import PartnerOrganisation

from .models import MAX_TERM_LENGTH, SearchDocument, SearchTerm
from .text import JAPANESE_RUN, terms

Kind = SearchDocument.Kind
# Words shorter than these are not corrected, so they need not be known.
MIN_TERM_LENGTH = {"latin": 4, "japanese": 3}


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

    def is_public(self):
        """Return the condition that a search document's record is public, checked by its key."""
        return Exists(self.public().filter(pk=OuterRef("object_id")))

    def path(self, obj):
        if self.model is ChronologyEntry:
            # Entries have no page of their own; each is an anchor in the chronology.
            return f"{reverse('chronology:list')}#entry-{obj.ref}"
        return obj.get_absolute_url()

    def other_names(self, obj):
        """Return the other names staff gave `obj` (countries and partners), one per line."""
        return names_in(getattr(obj, "other_names", ""))

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


def names_in(text):
    """Return the non-empty lines of `text`, stripped, each once."""
    return list(dict.fromkeys(line.strip() for line in str(text or "").splitlines() if line.strip()))


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
    other_names = " ".join(source.other_names(obj))
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
                title_terms=terms(f"{title} {other_names}"),
                summary_terms=terms(summary),
                body_terms=terms(body),
            )
        )
    return result


def _known(term):
    japanese = bool(JAPANESE_RUN.search(term))
    return MIN_TERM_LENGTH["japanese" if japanese else "latin"] <= len(term) <= MAX_TERM_LENGTH


def vocabulary(docs):
    """Return the set of words in `docs` worth correcting towards."""
    found = set()
    for document in docs:
        for column in (document.title_terms, document.summary_terms, document.body_terms):
            found.update(term for term in column.split() if _known(term))
    return found


def remember_terms(found):
    """Add the words in `found` to the vocabulary (those it has are left as they are)."""
    SearchTerm.objects.bulk_create(
        (SearchTerm(term=term, length=len(term), head=term[0], tail=term[-1]) for term in sorted(found)),
        batch_size=500,
        ignore_conflicts=True,
    )


def index(obj):
    """Write the search documents of `obj`, replacing its old ones, and learn their words."""
    source = SOURCE_OF_MODEL[obj._meta.concrete_model]
    written = documents(obj)
    with transaction.atomic():
        SearchDocument.objects.filter(kind=source.kind, object_id=obj.pk).delete()
        SearchDocument.objects.bulk_create(written)
        remember_terms(vocabulary(written))


def forget(obj):
    """Remove the search documents of `obj`."""
    source = SOURCE_OF_MODEL[obj._meta.concrete_model]
    SearchDocument.objects.filter(kind=source.kind, object_id=obj.pk).delete()


def rebuild():
    """Rewrite the whole index from the records; return the number of documents written."""
    written, found = 0, set()

    def flush(batch):
        found.update(vocabulary(batch))
        return len(SearchDocument.objects.bulk_create(batch))

    with transaction.atomic():
        SearchDocument.objects.all().delete()
        SearchTerm.objects.all().delete()
        for source in SOURCES:
            batch = []
            for obj in source.model._default_manager.order_by("pk").iterator(chunk_size=500):
                batch.extend(documents(obj))
                if len(batch) >= 500:
                    written += flush(batch)
                    batch = []
            written += flush(batch)
        remember_terms(found)
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
