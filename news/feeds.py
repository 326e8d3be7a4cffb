"""RSS 2.0 feeds of the latest published news."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from .models import NewsItem


class NewsItemFeed(Feed):
    feed_type = Rss201rev2Feed
    title = _("Japan–Balkan Network: news")
    description = _("The latest news about Japan and the Balkan countries.")

    def link(self):
        return f"{settings.SITE_URL}/news/"

    def items(self):
        return NewsItem.objects.published().for_list()[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return settings.SITE_URL + item.get_absolute_url()

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [country.name for country in item.countries.all()]

    def item_enclosure_url(self, item):
        if item.hero_image:
            url = item.hero_image.url
            return url if url.startswith("http") else settings.SITE_URL + url
        return None

    def item_enclosure_length(self, item):
        try:
            return item.hero_image.size if item.hero_image else None
        except OSError:
            return 0

    def item_enclosure_mime_type(self, item):
        name = item.hero_image.name.lower() if item.hero_image else ""
        return {"png": "image/png", "webp": "image/webp"}.get(name.rsplit(".", 1)[-1], "image/jpeg")
