"""The sitemap: every public page, in every language, with hreflang alternates."""

from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from chronology.models import ChronologyEntry
from countries.models import Country
from news.models import NewsItem
from partners.models import PartnerOrganisation

from .models import Page


class I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def get_urls(self, page=1, site=None, protocol=None):
        # Absolute URLs come from SITE_URL, never from the request's Host header.
        base = urlsplit(settings.SITE_URL)
        return super().get_urls(page, SimpleNamespace(domain=base.netloc), base.scheme)


@dataclass(frozen=True)
class Section:
    url_name: str
    lastmod: datetime | None


class SectionSitemap(I18nSitemap):
    """The home page and the list pages, each last modified when its newest record was."""

    changefreq = "daily"

    def items(self):
        latest = {
            "news:list": NewsItem.objects.published().aggregate(latest=Max("updated_at"))["latest"],
            "countries:list": Country.objects.published().aggregate(latest=Max("updated_at"))["latest"],
            "chronology:list": ChronologyEntry.objects.published().aggregate(latest=Max("updated_at"))[
                "latest"
            ],
            "partners:list": PartnerOrganisation.objects.published().aggregate(latest=Max("updated_at"))[
                "latest"
            ],
        }
        home = max(filter(None, latest.values()), default=None)
        return [Section("balkan:home", home)] + [Section(name, when) for name, when in latest.items()]

    def location(self, item):
        return reverse(item.url_name)

    def lastmod(self, item):
        return item.lastmod


class PageSitemap(I18nSitemap):
    """The about and contact pages that exist."""

    changefreq = "monthly"

    def items(self):
        return Page.objects.order_by("key")

    def lastmod(self, item):
        return item.updated_at


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
    "sections": SectionSitemap,
    "pages": PageSitemap,
    "news": NewsItemSitemap,
    "countries": CountrySitemap,
    "partners": PartnerOrganisationSitemap,
}
