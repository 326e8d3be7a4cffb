from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.views.generic import ListView

from core.filters import FilteredListMixin, original_query
from countries.models import Country
from pagecache import generations as g
from pagecache.views import CachedPageMixin

from .forms import ChronologyFilterForm
from .models import ChronologyEntry, as_timeline


class ChronologyEntryListView(CachedPageMixin, FilteredListMixin, ListView):
    """The whole chronology, grouped by decade and year, with the filters in the query string."""

    cache_dependencies = (g.CHRONOLOGY, g.COUNTRIES)

    filter_form_class = ChronologyFilterForm

    def get_queryset(self):
        entries = ChronologyEntry.objects.published().for_timeline()
        return entries.filtered(self.filters)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_list"] = as_timeline(context["object_list"])
        return context


class CountryChronologyView(ChronologyEntryListView):
    """One country's slice of the chronology at a stable address: /chronology/<slug>/."""

    def get(self, request, *args, **kwargs):
        slug = kwargs["slug"]
        self.country = Country.objects.published().filter(slug=slug).first()
        if self.country is None:
            moved = Country.from_old_slug(slug)
            if moved is None or not moved.is_published:
                raise Http404
            query = original_query(request)
            url = reverse("chronology:country", kwargs={"slug": moved.slug})
            return HttpResponsePermanentRedirect(url + (f"?{query}" if query else ""))
        return super().get(request, *args, **kwargs)

    def get_filter_data(self):
        data = self.request.GET.copy()
        data.setlist("country", [self.country.slug])
        return data

    def get_context_data(self, **kwargs):
        return super().get_context_data(country=self.country, **kwargs)
