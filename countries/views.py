from csp.decorators import csp_replace
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.generic import DetailView, ListView

from chronology.models import ChronologyEntry, as_timeline
from core.linked_data import absolute
from core.slugs import OldSlugRedirectMixin
from core.social import PictureView, picture_response
from news.models import NewsItem, as_cards
from pagecache import generations as g
from pagecache.views import CachedPageMixin

from . import cards, charts, linked_data, qr
from .models import Country, as_profile

# A profile shows the latest news and chronology entries; the rest is one link away.
PROFILE_NEWS = 4
PROFILE_CHRONOLOGY = 8


# The embed in the snippet: as wide as its column allows, from 240 to 600 px; its script sets its
# height to the card's. Without the script, EMBED_HEIGHT holds the tallest card at 240 px.
EMBED_WIDTH, EMBED_HEIGHT = 420, 480
EMBED_HOST_SCRIPT = "js/embed-host.js"


def embed_snippet(country):
    """Return the HTML an embassy copies into its site to show the country's card (active language)."""
    return format_html(
        '<iframe src="{}" title="{}" width="{}" height="{}" style="border:0;width:100%;max-width:600px" '
        'loading="lazy" data-balkan-embed></iframe>\n<script src="{}" async></script>',
        absolute(country.get_embed_url()),
        f"{country.name} · {_('Japan–Balkan Network')}",
        EMBED_WIDTH,
        EMBED_HEIGHT,
        # The unhashed name: a snippet pasted today still works after the next release.
        absolute(settings.STATIC_URL + EMBED_HOST_SCRIPT),
    )


def embed_snippets(country):
    """Return the snippet in each language of the site, as (language code, language name, snippet)."""
    snippets = []
    for code, name in settings.LANGUAGES:
        label = str(name)  # the language's name in the page's language
        with translation.override(code):
            snippets.append((code, label, embed_snippet(country)))
    return snippets


class CountryListView(CachedPageMixin, ListView):
    cache_dependencies = (g.COUNTRIES,)

    def get_queryset(self):
        return Country.objects.published()


class CountryDetailView(CachedPageMixin, OldSlugRedirectMixin, DetailView):
    cache_dependencies = (g.COUNTRY, g.COUNTRY_NEWS, g.COUNTRY_PROFILE, g.COUNTRIES)

    def get_queryset(self):
        return Country.objects.published().for_profile_page()

    def get_object(self, queryset=None):
        return as_profile(super().get_object(queryset))

    def get_context_data(self, **kwargs):
        country = self.object
        page_url = absolute(country.get_absolute_url())
        card = cards.country_card(country, page_url)
        card_url = absolute(f"{country.get_card_url()}?v={card.fingerprint()}")
        latest_entries = (
            ChronologyEntry.objects.published()
            .for_country(country)
            .for_timeline()
            .order_by("-date", "-end_date", "-pk")[:PROFILE_CHRONOLOGY]
        )
        return super().get_context_data(
            page_url=page_url,
            card_url=card_url,
            embed_snippets=embed_snippets(country),
            latest_news=as_cards(
                NewsItem.objects.published().for_country(country).for_cards()[:PROFILE_NEWS]
            ),
            chronology=as_timeline(list(latest_entries)[::-1]),
            trade=charts.trade_chart(country.trade_figures.all()),
            structured_data=linked_data.profile_graph(
                country,
                page_url=page_url,
                home_url=absolute(reverse("balkan:home")),
                list_url=absolute(reverse("countries:list")),
                image_url=card_url,
                flag_url=absolute(country.flag_url) if country.flag_url else "",
            ),
            **kwargs,
        )


@method_decorator(xframe_options_exempt, name="dispatch")
@method_decorator(csp_replace({"frame-ancestors": ["*"]}), name="dispatch")
class CountryEmbedView(CachedPageMixin, OldSlugRedirectMixin, DetailView):
    """The compact card embassies put in an <iframe>: the only page any site may frame."""

    cache_dependencies = (g.COUNTRY,)

    template_name = "countries/country_embed.html"

    def get_queryset(self):
        return Country.objects.published().prefetch_related("trade_figures")

    def get_moved_url(self, moved):
        return moved.get_embed_url()

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_url=absolute(self.object.get_absolute_url()), **kwargs)


class CountryCardView(PictureView):
    """The profile's 1200×630 social card."""

    url_name = "countries:card"

    def get_queryset(self):
        return Country.objects.published().prefetch_related("trade_figures")

    def picture(self, country):
        return cards.card_response(
            self.request, cards.country_card(country, absolute(country.get_absolute_url()))
        )


class CountryQRCodeView(PictureView):
    """A QR code of the profile's canonical address, as SVG (for print) or PNG."""

    url_name = "countries:qr"
    formats = {"svg": ("image/svg+xml", qr.qr_svg), "png": ("image/png", qr.qr_png)}
    image_format = "svg"

    def get_queryset(self):
        return Country.objects.published()

    def picture(self, country):
        url = absolute(country.get_absolute_url())
        content_type, render = self.formats[self.image_format]
        key = f"qr:{self.image_format}:{url}"
        return picture_response(self.request, key, content_type, lambda: render(url))
