from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from news.feeds import NewsItemFeed
from news.models import NewsItem

from .models import Country


class CountryNewsFeed(NewsItemFeed):
    """The latest published news about one country."""

    def get_object(self, request, slug):
        return get_object_or_404(Country.objects.published(), slug=slug)

    def title(self, country):
        return _("Japan–Balkan Network: news about %(country)s") % {"country": country.name}

    def link(self, country):
        return settings.SITE_URL + country.get_absolute_url()

    def items(self, country):
        return NewsItem.objects.published().for_country(country).for_list()[:30]
