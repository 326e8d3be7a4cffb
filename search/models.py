"""The site search's index: one row per record and language, and the words it holds."""

from django.conf import settings
from django.db import models
from django.urls import get_script_prefix
from django.utils.translation import gettext_lazy as _

from core.dates import DatePrecision, format_partial_date

MAX_TERM_LENGTH = 40


class SearchDocument(models.Model):
    """One language version of a searchable record, as the site search reads it.

    Kept up to date by `search.index` whenever a news item, country,
    chronology entry or partner is saved or deleted, and rebuilt by
    `manage.py rebuild_search_index`. The `*_terms` columns hold the text
    normalised for matching, with Japanese split into words. On PostgreSQL a
    migration adds a stored, GIN-indexed `search_vector` column generated from
    them (title weighted A, summary B, body C), which the ORM cannot declare
    for SQLite as well, so it is not a model field.
    """

    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        COUNTRIES = "countries", _("Countries")
        CHRONOLOGY = "chronology", _("Chronology")
        PARTNERS = "partners", _("Partners")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("object ID"))
    language = models.CharField(_("language"), max_length=10)
    title = models.TextField(_("title"))
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True)
    path = models.CharField(_("address"), max_length=500)
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    title_terms = models.TextField(_("title terms"))
    summary_terms = models.TextField(_("summary terms"), blank=True)
    body_terms = models.TextField(_("body terms"), blank=True)

    class Meta:
        db_table = "balkan_searchdocument"  # its table from before search had an app of its own
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "language"], name="one_search_document_per_language"
            ),
        ]
        # A search ranks the newest matches of each kind (`search.query.CANDIDATES`); PostgreSQL
        # walks this index for a word in every story. DESC puts undated profiles first there.
        indexes = [models.Index(fields=["kind", "-date"], name="search_newest_of_kind")]

    def __str__(self):
        return f"{self.kind} {self.object_id} ({self.language}): {self.title}"

    @property
    def date_display(self):
        return format_partial_date(self.date, self.date_precision)

    def url_in(self, language):
        """Return the record's address in `language`.

        `path` is the default language's address; the others' are the same
        with their language's prefix (`i18n_patterns`, no prefix for the
        default; the paths themselves are not translated). What Django's
        `translate_url` answers, without resolving and reversing the path.
        """
        if language == settings.LANGUAGE_CODE:
            return self.path
        prefix = get_script_prefix()
        return f"{prefix}{language}/{self.path.removeprefix(prefix)}"


class SearchTerm(models.Model):
    """A word the index holds (folded), for "did you mean" and typo tolerance.

    Every word of every document's title, summary and body from four letters
    up is added when the document is written; `rebuild()` starts the list
    afresh. A word of a record since deleted may linger until then: a
    correction is only offered when it finds something.
    """

    term = models.CharField(_("term"), max_length=MAX_TERM_LENGTH, unique=True)
    length = models.PositiveSmallIntegerField(_("length"))
    head = models.CharField(_("first letter"), max_length=1)
    tail = models.CharField(_("last letter"), max_length=1)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        # A slip keeps either the first or the last letter of most words: each is an index.
        indexes = [
            models.Index(fields=["head", "length"], name="search_term_head"),
            models.Index(fields=["tail", "length"], name="search_term_tail"),
        ]

    def __str__(self):
        return self.term
