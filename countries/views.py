from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.generic import DetailView, ListView

from balkan.cache import CachedPageMixin, cached_page, remember
from balkan.views import OldSlugRedirectMixin
from chronology.models import ChronologyEntry
from news.models import NewsItem

from . import cards
from .models import Country


class CountryListView(CachedPageMixin, ListView):
    cache_dependencies = ("countries",)

    def get_queryset(self):
        return Country.objects.published()


class CountryDetailView(CachedPageMixin, OldSlugRedirectMixin, DetailView):
    cache_dependencies = ("country:{slug}", "country-news:{slug}", "country-profile:{slug}", "countries")

    def get_queryset(self):
        return Country.objects.published().prefetch_related("trade_figures", "embassies", "partners")

    def get_context_data(self, **kwargs):
        country = self.object
        return super().get_context_data(
            latest_news=NewsItem.objects.published().for_country(country).for_list()[:5],
            chronology=ChronologyEntry.objects.published().for_country(country).for_timeline(),
            partners=[partner for partner in country.partners.all() if partner.is_published],
            trade=cards.trade_chart(list(country.trade_figures.all())),
            canonical_url=settings.SITE_URL + country.get_absolute_url(),
            **kwargs,
        )


class CountryEmbedView(CachedPageMixin, DetailView):
    cache_dependencies = ("country:{slug}",)
    template_name = "countries/country_embed.html"

    def get_queryset(self):
        return Country.objects.published()

    @xframe_options_exempt
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)


def _cached_image(country, kind, render):
    """Return render(country), kept until the country or its trade figures change."""
    return remember(
        f"country-{kind}:{country.pk}",
        [f"country:{country.slug}"],
        lambda: render(country),
        60 * 60 * 24 * 30,
    )


@cached_page("country:{slug}")
def card_png(request, slug):
    """Return the country's 1200×630 social card."""
    country = get_object_or_404(Country.objects.published().prefetch_related("trade_figures"), slug=slug)
    response = HttpResponse(_cached_image(country, "card", cards.render_card), content_type="image/png")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@cached_page("country:{slug}")
def qr_svg(request, slug):
    """Return a QR code of the profile's canonical URL."""
    country = get_object_or_404(Country.objects.published(), slug=slug)
    svg = _cached_image(country, "qr", lambda c: cards.qr_svg(settings.SITE_URL + c.get_absolute_url()))
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=3600"
    return response
