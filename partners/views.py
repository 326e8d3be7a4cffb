from django.views.generic import DetailView, ListView

from balkan.cache import CachedPageMixin
from balkan.views import OldSlugRedirectMixin
from news.models import NewsItem

from .models import PartnerOrganisation


class PartnerOrganisationListView(CachedPageMixin, ListView):
    cache_dependencies = ("partners", "countries")

    def get_queryset(self):
        return PartnerOrganisation.objects.published().select_related("country").order_by("kind", "name")


class PartnerOrganisationDetailView(CachedPageMixin, OldSlugRedirectMixin, DetailView):
    cache_dependencies = ("partner:{slug}", "countries")

    def get_queryset(self):
        return PartnerOrganisation.objects.published().select_related("country")

    def get_context_data(self, **kwargs):
        news = NewsItem.objects.published().filter(partners=self.object).for_list()[:5]
        return super().get_context_data(news=news, **kwargs)
