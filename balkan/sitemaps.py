"""The sitemap: every public page, in every language, with hreflang alternates."""

from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from countries.models import Country
from news.models import NewsItem
from partners.models import PartnerOrganisation


class I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def get_urls(self, page=1, site=None, protocol=None):
        # Absolute URLs come from SITE_URL, never from the request's Host header.
        base = urlsplit(settings.SITE_URL)
        return super().get_urls(page, SimpleNamespace(domain=base.netloc), base.scheme)


class StaticSitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "balkan:home",
            "news:list",
            "countries:list",
            "chronology:list",
            "partners:list",
            "balkan:about",
            "balkan:contact",
        ]

    def location(self, item):
        return reverse(item)


class NewsItemSitemap(I18nSitemap):
    def items(self):
        return NewsItem.objects.published().order_by("-publish_at")

    def lastmod(self, item):
        return item.updated_at


class CountrySitemap(I18nSitemap):
    def items(self):
        return Country.objects.published()

    def lastmod(self, item):
        return item.updated_at


class PartnerOrganisationSitemap(I18nSitemap):
    def items(self):
        return PartnerOrganisation.objects.published()

    def lastmod(self, item):
        return item.updated_at


sitemaps = {
    "pages": StaticSitemap,
    "news": NewsItemSitemap,
    "countries": CountrySitemap,
    "partners": PartnerOrganisationSitemap,
}
