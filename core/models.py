"""The models the building blocks need: the slugs objects had before, and attached documents."""

from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .documents import CONTENT_TYPES, FOLDER, DocumentField, Kind, inspect, pages_display
from .richtext import RichTextField, text_of_html


class OldSlug(models.Model):
    """A slug an object had before, so that printed links keep working (301)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    slug = models.SlugField(max_length=200)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "balkan_oldslug"  # where it was made, before it moved here
        verbose_name = _("old slug")
        verbose_name_plural = _("old slugs")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "slug"], name="unique_old_slug_per_type"),
        ]

    def __str__(self):
        return self.slug


class DocumentBase(models.Model):
    """A document attached to a page (a story, a country profile): its file, checked, and what readers see of it.

    The file is checked for what it really is when it is chosen (core.documents);
    its kind, size and page count are taken from it when it is saved.
    """

    file = DocumentField(
        _("file"),
        upload_to=f"{FOLDER}/%Y/%m/",
        max_length=255,
        help_text=_(
            "A PDF, Word (.docx), Excel (.xlsx) or OpenDocument text (.odt) file, without macros or scripts."
        ),
    )
    title = models.CharField(
        _("title"), max_length=200, help_text=_("What the document is, as readers should see it in the list.")
    )
    summary = RichTextField(
        _("accessible summary"),
        blank=True,
        help_text=_(
            "The document's content in HTML, for readers who cannot use the file. Without it, readers "
            "are offered to request an accessible format."
        ),
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now, editable=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers come first."))

    class Meta:
        abstract = True
        ordering = ["order", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            # A new file: what it is, from its bytes (already checked by the form, or checked now).
            upload = self.file.file
            inspection = getattr(upload, "inspection", None) or inspect(upload)
            self.kind, self.pages, self.size = inspection.kind, inspection.pages, upload.size
            self.uploaded_at = timezone.now()
        for field in self._meta.fields:
            # An emptied editor posts "<p>&nbsp;</p>": no summary, so readers are offered to ask for one.
            if field.name.startswith("summary_") and not text_of_html(getattr(self, field.attname)):
                setattr(self, field.attname, "")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.file.url

    @property
    def type_name(self):
        """Return the document's type as readers know it: "PDF", "Word document"."""
        return Kind(self.kind).label if self.kind in Kind.values else ""

    @property
    def content_type(self):
        return CONTENT_TYPES.get(self.kind, "application/octet-stream")

    @property
    def size_display(self):
        """Return the size as readers read it: "1.2 MB"."""
        return filesizeformat(self.size)

    @property
    def pages_display(self):
        """Return "12 pages" ("12ページ"), "3 sheets" for a spreadsheet, or "" when not known."""
        return pages_display(self.kind, self.pages)

    @property
    def accessible_format_url(self):
        """Return where a reader asks for the document in an accessible format (GOV.UK's rule)."""
        if settings.CONTACT_EMAIL:
            subject = _("Request for an accessible format: %(title)s") % {"title": self.title}
            return f"mailto:{settings.CONTACT_EMAIL}?{urlencode({'subject': subject}, quote_via=quote)}"
        return reverse("balkan:contact")
