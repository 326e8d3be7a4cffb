from django.views.generic import DetailView, ListView

from balkan.filters import FilteredListMixin
from balkan.views import OldSlugRedirectMixin

from .forms import NewsFilterForm
from .models import NewsItem


class NewsItemListView(FilteredListMixin, ListView):
    paginate_by = 20
    filter_form_class = NewsFilterForm

    def get_queryset(self):
        items = NewsItem.objects.published().for_list()
        if "country" in self.filters:
            items = items.for_country(self.filters["country"])
        if "kind" in self.filters:
            items = items.filter(kind=self.filters["kind"])
        if "year" in self.filters:
            items = items.filter(publish_at__year=self.filters["year"])
        if "tag" in self.filters:
            items = items.filter(tags__slug=self.filters["tag"])
        return items


class NewsItemDetailView(OldSlugRedirectMixin, DetailView):
    def get_queryset(self):
        return (
            NewsItem.objects.published()
            .select_related("author")
            .prefetch_related("countries", "partners", "tags", "images")
        )

    def get_context_data(self, **kwargs):
        item = self.object
        related = (
            NewsItem.objects.published()
            .filter(countries__in=item.countries.all())
            .exclude(pk=item.pk)
            .distinct()
            .for_list()[:3]
        )
        return super().get_context_data(related=related, **kwargs)
