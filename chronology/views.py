from django.views.generic import ListView

from balkan.cache import CachedPageMixin
from balkan.filters import FilteredListMixin

from .forms import ChronologyFilterForm
from .models import ChronologyEntry


class ChronologyEntryListView(CachedPageMixin, FilteredListMixin, ListView):
    cache_dependencies = ("chronology", "countries")
    filter_form_class = ChronologyFilterForm

    def get_queryset(self):
        entries = ChronologyEntry.objects.published().for_timeline()
        if "country" in self.filters:
            entries = entries.for_country(self.filters["country"])
        if "category" in self.filters:
            entries = entries.filter(category=self.filters["category"])
        return entries
