"""The search page (/search/?q=…&type=…&page=…) and its suggestions as you type (/search/suggest?q=…)."""

import re

from django.http import JsonResponse
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.views.generic import ListView

from core.filters import FilteredListMixin
from pagecache import generations as g
from pagecache.views import CachedPageMixin, cached_page

from .forms import SearchFilterForm
from .models import SearchDocument
from .query import Search
from .suggest import suggestions
from .text import clean_query, words

# "search": the index itself, bumped when it is rebuilt.
DEPENDENCIES = (g.NEWS, g.COUNTRIES, g.CHRONOLOGY, g.PARTNERS, g.SEARCH)


def _as_typed(query, replacements):
    """Return `query` with each word in `replacements` (folded → corrected) put right, keeping its capital."""

    def put_right(match):
        token = match.group()
        folded = words(token, query=True)
        if len(folded) != 1 or folded[0] not in replacements:
            return token
        fixed = replacements[folded[0]]
        return fixed[:1].upper() + fixed[1:] if token[:1].isupper() else fixed

    return re.sub(r"\S+", put_right, query)


class SearchView(CachedPageMixin, FilteredListMixin, ListView):
    """Search news, countries, the chronology and partners.

    A query the index finds nothing for, with a word it has never seen, is
    answered for the nearest words it holds ("Slovnia" → Slovenia) and says
    so; a query with results and such a word offers the correction as a link.
    """

    errors_in_page = False  # a bad type comes from a crafted link, not from the search box

    cache_dependencies = DEPENDENCIES
    cache_params = ("q",)

    template_name = "search/search.html"
    filter_form_class = SearchFilterForm
    paginate_by = 10

    def get(self, request, *args, **kwargs):
        self.query, self.shortened = clean_query(request.GET.get("q", ""))
        self.search = Search(self.query)
        self.corrected_from = self.suggestion = None
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if not self.search:
            return []
        replacements = self.search.corrections()
        if replacements:
            corrected = _as_typed(self.query, replacements)
            if not self.counts:
                self.corrected_from, self.query = self.query, corrected
                self.search = Search(corrected)
                del self.counts
            else:
                self.suggestion = corrected
        hits = self.search.hits(self.filters.get("type"))
        named = self.named
        if named:
            # Shown as a card on the first page, so not among the results on any page (nor counted).
            hits = [hit for hit in hits if (hit["kind"], hit["object_id"]) != (named.kind, named.object_id)]
        return hits

    @cached_property
    def named(self):
        """Return the country or partner the search names, when the type chosen (if any) is its kind."""
        entity = self.search.entity if self.search else None
        kind = self.filters.get("type")
        if entity is None or (kind and kind != entity.kind):
            return None
        return entity

    @property
    def entity(self):
        """Return the country or partner shown as a card: the one the search names, on the first page."""
        return self.named if self.request.GET.get("page", "1") == "1" else None

    @cached_property
    def counts(self):
        """Return {kind: number of matching records}: the type filter's figures and the result count."""
        return self.search.counts() if self.search else {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = self.counts
        entity = self.entity
        results = self.search.results(context["object_list"], get_language(), entity=entity)
        context.update(
            query=self.query,
            shortened=self.shortened,
            searched=bool(self.search),
            corrected_from=self.corrected_from,
            suggestion=self.suggestion,
            entity=results[0] if entity and results else None,
            results=results[1:] if entity and results else results,
            kinds=[
                (kind, label, counts.get(kind, 0), kind in self.search.capped)
                for kind, label in SearchDocument.Kind.choices
            ],
            total=sum(counts.values()),
            capped=bool(self.search.capped),
            canonical_params=["q"],
        )
        return context


@cached_page(*DEPENDENCIES, params=("q",))
def suggest(request):
    """Answer the top few titles and profiles for what is typed so far, as JSON, in the page's language."""
    query, _shortened = clean_query(request.GET.get("q", ""))
    return JsonResponse({"query": query, "suggestions": suggestions(query, get_language())})
