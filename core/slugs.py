"""Addresses that outlive a renamed object: each object remembers its old slugs, and views follow them (301)."""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponsePermanentRedirect

from .filters import original_query
from .models import OldSlug


class SlugHistoryMixin:
    """Remember the previous slug whenever a saved object's slug changes."""

    def save(self, *args, **kwargs):
        if self.pk:
            previous = type(self).objects.filter(pk=self.pk).values_list("slug", flat=True).first()
            if previous and previous != self.slug:
                content_type = ContentType.objects.get_for_model(type(self))
                OldSlug.objects.filter(content_type=content_type, slug=self.slug).delete()
                OldSlug.objects.update_or_create(
                    content_type=content_type, slug=previous, defaults={"object_id": self.pk}
                )
        super().save(*args, **kwargs)

    @classmethod
    def from_old_slug(cls, slug):
        """Return the object that used to have `slug`, or None."""
        old = OldSlug.objects.filter(content_type=ContentType.objects.get_for_model(cls), slug=slug).first()
        return cls._default_manager.filter(pk=old.object_id).first() if old else None


class OldSlugRedirectMixin:
    """On an unknown slug, send readers of an old printed link to the new one (301)."""

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            moved = self.get_queryset().model.from_old_slug(kwargs.get("slug", ""))
            if moved is None or not self.get_queryset().filter(pk=moved.pk).exists():
                raise
            query = original_query(request)
            url = self.get_moved_url(moved) + (f"?{query}" if query else "")
            return HttpResponsePermanentRedirect(url)

    def get_moved_url(self, moved):
        """Return where the object now lives (its page; views of its pictures say otherwise)."""
        return moved.get_absolute_url()
