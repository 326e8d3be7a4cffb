"""Serving the pictures pages are shared with: social cards and QR codes.

Pictures are drawn once and kept in the cache under a key made from what they
show, so a change to a country, a trade figure or a news item gives a new key
(and a new picture) while everything else is served from the cache.
"""

import hashlib

from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.views.generic.detail import BaseDetailView

from .slugs import OldSlugRedirectMixin

# Pictures are keyed by their content, so they never go stale: keep them a month.
CACHE_SECONDS = 60 * 60 * 24 * 30


def cached_picture(key, render):
    """Return the bytes cached under `key`, drawing them with `render()` when missing."""
    data = cache.get(key)
    if data is None:
        data = render()
        cache.set(key, data, CACHE_SECONDS)
    return data


def picture_response(request, key, content_type, render, version=None):
    """Answer with the picture named `key` (also its ETag), or 304 when the reader has it.

    A link that names the picture's current `version` (?v=, as og:image does) may be
    cached for good: a new version gets a new link.
    """
    etag = f'"{hashlib.sha256(key.encode()).hexdigest()[:20]}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(cached_picture(key, render), content_type=content_type)
    response["ETag"] = etag
    if version and request.GET.get("v") == version:
        response["Cache-Control"] = "public, max-age=31536000, immutable"
    else:
        response["Cache-Control"] = "public, max-age=3600"
    return response


class PictureView(OldSlugRedirectMixin, BaseDetailView):
    """A picture of one published object; an old slug redirects to the same picture's new address."""

    url_name = None

    def render_to_response(self, context):
        return self.picture(self.object)

    def get_moved_url(self, moved):
        return reverse(self.url_name, kwargs={"slug": moved.slug})

    def picture(self, obj):
        raise NotImplementedError
