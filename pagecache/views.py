"""How a view says that its pages are cached: what they show and which query parameters they read.

    path("feed/", cached_page(generations.NEWS, generations.COUNTRIES)(feeds.NewsItemFeed()), name="feed")

    class CountryDetailView(CachedPageMixin, DetailView):
        cache_dependencies = (generations.COUNTRY, generations.COUNTRIES)  # COUNTRY takes the URL's slug

PageCacheMiddleware finds the declaration through the URL resolver before any
view runs. A page is cached under its path and the parameters it reads (a list
view's filter fields and `page`, plus `cache_params`); any other parameter
(`utm_source`, `?cb=123`) is dropped before the view sees it, so it can neither
create an entry nor bypass the cache.
"""

from dataclasses import dataclass
from functools import wraps

from . import generations


@dataclass(frozen=True)
class PageSpec:
    dependencies: tuple = ()
    params: frozenset = frozenset()

    def __post_init__(self):
        for dependency in self.dependencies:
            if not isinstance(dependency, generations.Family):
                generations.kind_of(dependency)

    def names(self, kwargs):
        """Return the generations of the page at a URL whose captured values are `kwargs`."""
        return {generations.for_url(dependency, kwargs) for dependency in self.dependencies}


def cached_page(*dependencies, params=()):
    """Mark a function view whose pages show `dependencies` and read the query parameters `params`."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            return view(request, *args, **kwargs)

        wrapped.page_cache = PageSpec(tuple(dependencies), frozenset(params))
        return wrapped

    return decorator


class CachedPageMixin:
    """A generic view whose pages are cached; `cache_dependencies` name what they show."""

    cache_dependencies = ()
    cache_params = ()

    @classmethod
    def page_cache_spec(cls):
        params = set(cls.cache_params)
        form = getattr(cls, "filter_form_class", None)
        if form is not None:
            params |= set(form.base_fields)
        if getattr(cls, "paginate_by", None):
            params.add(getattr(cls, "page_kwarg", "page"))
        return PageSpec(tuple(cls.cache_dependencies), frozenset(params))


def spec_of(view):
    """Return the PageSpec of a resolved view function, or None when its pages are not cached."""
    spec = getattr(view, "page_cache", None)
    if spec is None:
        view_class = getattr(view, "view_class", None)
        if view_class is not None and hasattr(view_class, "page_cache_spec"):
            spec = view_class.page_cache_spec()
    return spec


def depends_on(request, *names):
    """Declare, while rendering, generations only known once the page's objects are loaded."""
    page = getattr(request, "page_cache", None)
    if page is not None:
        page.depend_on(names)
