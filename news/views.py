from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from core.filters import FilteredListMixin
from core.slugs import OldSlugRedirectMixin
from core.social import PictureView
from countries import cards
from pagecache import generations as g
from pagecache.fragments import prefetch_when_made
from pagecache.pagination import AnchoredPaginator
from pagecache.views import CachedPageMixin, depends_on

from .forms import NewsFilterForm
from .models import NewsItem, as_cards, tag_name


class NewsItemListView(CachedPageMixin, FilteredListMixin, ListView):
    paginate_by = 20
    paginator_class = AnchoredPaginator
    filter_form_class = NewsFilterForm
    cache_dependencies = (g.NEWS, g.COUNTRIES)

    def get_queryset(self):
        return NewsItem.objects.published().for_cards().filtered(self.filters)

    def get_paginator(self, queryset, per_page, **kwargs):
        filters = "&".join(
            f"{key}={getattr(value, 'slug', value)}" for key, value in sorted(self.filters.items())
        )
        return super().get_paginator(
            queryset, per_page, cache_key=f"news-list?{filters}", generations=[g.NEWS], **kwargs
        )

    def get_context_data(self, **kwargs):
        # "Tagged “…”" names the tag as readers of the page's language know it, not by its slug.
        tag = None
        if "tag" in self.filters:
            tag = Tag.objects.select_related("translation").filter(slug=self.filters["tag"]).first()
        label = tag_name(tag) if tag is not None else self.filters.get("tag", "")
        context = super().get_context_data(tag_label=label, **kwargs)
        context["object_list"] = as_cards(context["object_list"])
        return context


class NewsItemDetailView(CachedPageMixin, OldSlugRedirectMixin, DetailView):
    cache_dependencies = (g.NEWS_ITEM, g.COUNTRIES, g.PARTNERS)

    def get_queryset(self):
        return NewsItem.objects.published()

    def get_object(self, queryset=None):
        # What the story's head and article show is read only when they must be made (pieces kept
        # until the story changes); its countries and tags, which name the page's generations and its
        # related news, are kept beside them (NewsItem.links).
        item = super().get_object(queryset)
        lookups = ["countries", "partners", "tags", "images", "documents"]
        if (translation.get_language() or "").startswith("ja"):
            lookups.append("tags__translation")  # the tags' Japanese names
        prefetch_when_made([item], *lookups)
        return item

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            withdrawn = NewsItem.objects.withdrawn().filter(slug=kwargs.get("slug", "")).first()
            if withdrawn is None:
                raise
            # Gone, and saying why: a printed or shared link meets the notice, not a bare 404.
            return render(request, "news/withdrawn.html", {"object": withdrawn}, status=410)

    def get_context_data(self, **kwargs):
        links = self.object.links()
        depends_on(self.request, *g.COUNTRY_NEWS.many(slug for _pk, slug in links["countries"]))
        related = NewsItem.objects.related_to(self.object, links=links)
        # A related story archived or retitled must not stay linked from this page.
        depends_on(self.request, *g.NEWS_ITEM.many(story.slug for story in related))
        return super().get_context_data(related=related, **kwargs)


@method_decorator(never_cache, name="dispatch")
class NewsItemPreviewView(NewsItemDetailView):
    """Show any news item, or one of its past versions, on the public template: staff only.

    Everyone else gets a 404, as if the address did not exist. A version shows
    its own texts and images; its gallery, countries, partners and tags are
    today's, since those are not versioned.
    """

    template_name = "news/newsitem_detail.html"

    @classmethod
    def page_cache_spec(cls):
        return None  # a preview is never cached

    def dispatch(self, request, *args, **kwargs):
        if not (request.user.is_staff and request.user.has_perm("news.view_newsitem")):
            raise Http404
        # Skip the page cache: a preview is never cached.
        return DetailView.dispatch(self, request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        # Skip the old-slug redirect: a preview is addressed by its number.
        return DetailView.get(self, request, *args, **kwargs)

    def get_queryset(self):
        return NewsItem.objects.select_related("author").prefetch_related(
            "countries", "partners", "tags", "images", "documents"
        )

    def get_object(self, queryset=None):
        item = super().get_object(queryset)
        self.version = None
        if "history_id" in self.kwargs:
            self.version = get_object_or_404(item.history, history_id=self.kwargs["history_id"])
            item = self.version.instance
        return item

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=True, version=self.version, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class NewsItemCardView(PictureView):
    """The 1200×630 social card of a news item, for items without a hero image."""

    url_name = "news:card"

    def get_queryset(self):
        return NewsItem.objects.published().prefetch_related("countries")

    def picture(self, item):
        page_url = settings.SITE_URL + item.get_absolute_url()
        return cards.card_response(self.request, cards.news_card(item, page_url))
