"""Feeds of the latest published news: RSS 2.0 and Atom 1.0, for all news and per tag.

`NewsItemFeed` is the base of every news feed (countries.feeds has the
per-country one); `SomeFeed.as_atom()` serves the same feed as Atom. Every
link is absolute and built from SITE_URL, the feed's own address included.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from taggit.models import Tag

from core.linked_data import absolute

from .models import NewsItem

ITEMS = 30
MIME_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


class NewsItemFeed(Feed):
    feed_type = Rss201rev2Feed
    title = gettext_lazy("Japan–Balkan Network: news")
    description = gettext_lazy("The latest news about Japan and the Balkan countries.")

    @classmethod
    def as_atom(cls):
        """Return a view serving this feed as Atom 1.0."""
        return type(f"{cls.__name__}Atom", (cls,), {"feed_type": Atom1Feed})()

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        # Django takes the self link's host from the request; readers get SITE_URL's.
        feed.feed["feed_url"] = settings.SITE_URL + request.path
        return feed

    def subtitle(self, obj):
        # Atom's name for the description.
        return self._get_dynamic_attr("description", obj)

    def link(self):
        return settings.SITE_URL + reverse("news:list")

    def items(self):
        return NewsItem.objects.published().for_list()[:ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return settings.SITE_URL + item.get_absolute_url()

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        # A story edited before its scheduled time was updated when it appeared.
        return max(item.updated_at, item.publish_at)

    def item_categories(self, item):
        return [country.name for country in item.countries.all()]

    def item_enclosure_url(self, item):
        return absolute(item.hero_image.url) if item.hero_image else None

    def item_enclosure_length(self, item):
        try:
            return item.hero_image.size if item.hero_image else None
        except OSError:
            return 0

    def item_enclosure_mime_type(self, item):
        extension = item.hero_image.name.rsplit(".", 1)[-1].lower() if item.hero_image else ""
        return MIME_TYPES.get(extension, "application/octet-stream")


class TagNewsFeed(NewsItemFeed):
    """The latest published news with one tag."""

    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def title(self, tag):
        return _("Japan–Balkan Network: news tagged “%(tag)s”") % {"tag": tag.name}

    def link(self, tag):
        return f"{settings.SITE_URL}{reverse('news:list')}?tag={tag.slug}"

    def items(self, tag):
        return NewsItem.objects.published().for_tag(tag.slug).for_list()[:ITEMS]
