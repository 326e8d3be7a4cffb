"""/api/v1/: the API's endpoints, each declared to the page cache with what it shows and reads.

A response is cached like a page: under its address and the query parameters
its endpoint reads (any other is dropped before it runs), refreshed when one of
the generations it shows changes, with an ETag that answers If-None-Match with
a 304. The schema is cached too (it changes only with a release); the
browsable docs page is not (it is a page for people, built from the schema).
"""

from functools import wraps

from django.urls import path

from pagecache import generations as g
from pagecache.views import cached_page

from . import schemas
from .views import api


def _params(schema):
    return {field.alias or name for name, field in schema.model_fields.items()}


PAGES = {
    "news-list": ((g.NEWS, g.COUNTRIES), _params(schemas.NewsParams)),
    "news-detail": ((g.NEWS_ITEM, g.COUNTRIES, g.PARTNERS), _params(schemas.Common)),
    "country-list": ((g.COUNTRIES,), _params(schemas.ListParams)),
    "country-detail": ((g.COUNTRY, g.COUNTRIES), _params(schemas.Common)),
    "chronology-list": ((g.CHRONOLOGY, g.COUNTRIES), _params(schemas.ChronologyParams)),
    "partner-list": ((g.PARTNERS, g.COUNTRIES), _params(schemas.PartnerParams)),
    "partner-detail": ((g.PARTNER, g.COUNTRIES), _params(schemas.Common)),
    "openapi-json": ((), ()),
}


def answering_head(view):
    """Answer HEAD as GET (the server sends no body), as Django's class-based views do.

    ninja routes GET only; a cached answer is given to HEAD by the page cache, so a
    HEAD that misses the cache must not be a 405.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        method = request.method
        if method == "HEAD":
            request.method = "GET"
        try:
            return view(request, *args, **kwargs)
        finally:
            request.method = method

    return wrapped


def _declared(pattern):
    if pattern.name not in PAGES:
        return pattern
    dependencies, params = PAGES[pattern.name]
    view = cached_page(*dependencies, params=params)(answering_head(pattern.callback))
    return path(str(pattern.pattern), view, name=pattern.name)


app_name = "api"
urlpatterns = [_declared(pattern) for pattern in api.urls[0]]
