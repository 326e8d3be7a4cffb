from django.views.generic import DetailView, ListView

from core.slugs import OldSlugRedirectMixin
from news.models import NewsItem, as_cards
from pagecache import generations as g
from pagecache.views import CachedPageMixin

from . import linked_data
from .models import PartnerOrganisation


class PartnerOrganisationListView(CachedPageMixin, ListView):
    cache_dependencies = (g.PARTNERS, g.COUNTRIES)

    def get_queryset(self):
        return PartnerOrganisation.objects.published().select_related("country").order_by("kind", "name")


class PartnerOrganisationDetailView(CachedPageMixin, OldSlugRedirectMixin, DetailView):
    cache_dependencies = (g.PARTNER, g.COUNTRIES)

    def get_queryset(self):
        return PartnerOrganisation.objects.published().select_related("country")

    def get_context_data(self, **kwargs):
        news = as_cards(NewsItem.objects.published().filter(partners=self.object).for_cards()[:5])
        return super().get_context_data(
            news=news, structured_data=linked_data.organisation(self.object), **kwargs
        )
