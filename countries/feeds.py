from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from core.filters import original_query
from news.feeds import NewsItemFeed
from news.models import NewsItem

from .models import Country


class CountryNewsFeed(NewsItemFeed):
    """The latest published news about one country; a renamed country's old address redirects."""

    url_name = "countries:feed"

    @classmethod
    def as_atom(cls):
        feed = super().as_atom()
        feed.url_name = "countries:feed-atom"
        return feed

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except Http404:
            moved = Country.from_old_slug(kwargs.get("slug", ""))
            if moved is None or not moved.is_published:
                raise
            query = original_query(request)
            url = reverse(self.url_name, kwargs={"slug": moved.slug})
            return HttpResponsePermanentRedirect(url + (f"?{query}" if query else ""))

    def get_object(self, request, slug):
        return get_object_or_404(Country.objects.published(), slug=slug)

    def title(self, country):
        return _("Japan–Balkan Network: news about %(country)s") % {"country": country.name}

    def link(self, country):
        return settings.SITE_URL + country.get_absolute_url()

    def items(self, country):
        return NewsItem.objects.published().for_country(country).for_list()[:30]
