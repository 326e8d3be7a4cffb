from django.views.generic import DetailView, ListView

from balkan.cache import CachedPageMixin, depends_on
from balkan.filters import FilteredListMixin
from balkan.pagination import AnchoredPaginator
from balkan.views import OldSlugRedirectMixin

from .forms import NewsFilterForm
from .models import NewsItem


class NewsItemListView(CachedPageMixin, FilteredListMixin, ListView):
    paginate_by = 20
    paginator_class = AnchoredPaginator
    filter_form_class = NewsFilterForm
    cache_dependencies = ("news", "countries")

    def get_queryset(self):
        items = NewsItem.objects.published().for_list()
        if "country" in self.filters:
            items = items.for_country(self.filters["country"])
        if "kind" in self.filters:
            items = items.filter(kind=self.filters["kind"])
        if "year" in self.filters:
            items = items.filter(publish_at__year=self.filters["year"])
        if "tag" in self.filters:
            items = items.tagged(self.filters["tag"])
        return items

    def get_paginator(self, queryset, per_page, **kwargs):
        filters = "&".join(
            f"{key}={getattr(value, 'slug', value)}" for key, value in sorted(self.filters.items())
        )
        return super().get_paginator(
            queryset, per_page, cache_key=f"news-list?{filters}", generations=["news"], **kwargs
        )


class NewsItemDetailView(CachedPageMixin, OldSlugRedirectMixin, DetailView):
    cache_dependencies = ("news:{slug}", "countries", "partners")

    def get_queryset(self):
        return (
            NewsItem.objects.published()
            .select_related("author")
            .prefetch_related("countries", "partners", "tags", "images")
        )

    def get_context_data(self, **kwargs):
        item = self.object
        countries = list(item.countries.all())
        depends_on(self.request, *(f"country-news:{country.slug}" for country in countries))
        in_its_countries = NewsItem.countries.through.objects.filter(country__in=[c.pk for c in countries])
        related = (
            NewsItem.objects.published()
            .filter(pk__in=in_its_countries.values("newsitem"))
            .exclude(pk=item.pk)
            .for_list()[:3]
        )
        return super().get_context_data(related=related, **kwargs)
