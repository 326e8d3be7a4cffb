"""The site's own content: quotes and the about and contact pages."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.richtext import RichTextField


class QuoteQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Quote(models.Model):
    text = models.TextField(_("text"))
    author = models.CharField(_("author"), max_length=200)
    is_published = models.BooleanField(_("published"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = QuoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.author}: {self.text[:50]}"


class Page(models.Model):
    """A page editable by staff, such as About or Contact."""

    class Key(models.TextChoices):
        ABOUT = "about", _("About")
        CONTACT = "contact", _("Contact")

    key = models.CharField(_("page"), max_length=20, choices=Key.choices, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=300, blank=True)
    body = RichTextField(_("body"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("site page")
        verbose_name_plural = _("site pages")
        ordering = ["key"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"balkan:{self.key}")
