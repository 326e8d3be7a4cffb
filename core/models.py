"""The one model the building blocks need: the slugs objects had before."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


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
