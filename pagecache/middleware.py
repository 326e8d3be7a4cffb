"""Whole public pages, answered by the first middleware exactly as the whole stack answered them.

PageCacheMiddleware comes first in MIDDLEWARE. For a URL whose view declares
its pages cached (pagecache.views), an anonymous reader's GET is answered from
the stored entry before any other middleware runs; a miss goes down the whole
stack, and what comes back, with every header every middleware and the view
gave it (CSP, framing, Permissions-Policy, Content-Language, Cache-Control...),
is stored as it is, with its Brotli and gzip forms made once. The fresh answer
and every cached one are built from the same entry, so they cannot differ but
for `X-Cache` and, before a scheduled story, a shorter freshness. Under
gunicorn a stored page is answered even earlier, before Django handles the
request, by the same code (pagecache/wsgi.py).

Never stored, never compressed: anything for a reader with a session or
pending messages, previews, other methods, answers other than 200, answers that
set a cookie or carry a CSRF token (a per-user secret: compressing it next to
text an attacker controls is the BREACH attack).
"""

import gzip
import hashlib
import time
from urllib.parse import urlencode

import brotli
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, get_conditional_response, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from django.utils.translation import get_language_from_path

from core import renditions

from . import edge, store
from .views import spec_of

COMPRESSIBLE = (
    "text/",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/json",
    "application/ld+json",
    "image/svg+xml",
)
ENCODINGS = {
    "br": lambda body: brotli.compress(body, quality=6),
    "gzip": lambda body: gzip.compress(body, 6, mtime=0),
}
ETAG_SUFFIX = {"br": "-br", "gzip": "-gz"}
CONDITIONAL_HEADERS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)
# Set again for each answer; everything else is replayed as stored.
PER_ANSWER = {"content-length", "content-encoding", "etag", "x-cache"}
ROUTES_KEPT = 5000


def is_public_request(request):
    """Return True for a request any anonymous reader could have made."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and "preview" not in request.GET
    )


class Route:
    """What the URL resolver says about a path: the page's spec and its generations."""

    __slots__ = ("params", "names")

    def __init__(self, spec, kwargs):
        self.params = spec.params
        self.names = frozenset({store.EVERY_PAGE, *spec.names(kwargs)})


_routes = {}


def route_of(path):
    """Return the Route of a cached page at `path`, or None (remembered per path)."""
    route = _routes.get(path)
    if route is None:
        if path.startswith(settings.STATIC_URL):
            return None
        with translation.override(get_language_from_path(path) or settings.LANGUAGE_CODE):
            try:
                match = resolve(path)
            except Resolver404:
                return None
        spec = spec_of(match.func)
        if spec is None:
            return None
        route = Route(spec, match.kwargs)
        if len(_routes) >= ROUTES_KEPT:
            _routes.clear()
        _routes[path] = route
    return route


def _keep_only(request, params):
    """Drop the query parameters the page does not read, so that they change nothing."""
    if not request.META.get("QUERY_STRING"):
        return ""
    kept = sorted((key, value) for key, values in request.GET.lists() if key in params for value in values)
    query = urlencode(kept)
    if len(kept) != sum(len(values) for values in request.GET.lists()):
        request.original_query = request.META["QUERY_STRING"]
        request.GET = QueryDict(query)
        request.META["QUERY_STRING"] = query
    return query


def _accepted(request):
    accepted = request.META.get("HTTP_ACCEPT_ENCODING", "")
    if not accepted:
        return "identity"
    codings = {}
    for part in accepted.lower().split(","):
        name, _sep, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        codings[name.strip()] = quality
    for coding in ("br", "gzip"):
        if codings.get(coding, codings.get("*", 0)) > 0:
            return coding
    return "identity"


class PageCache:
    """One public request's dealings with the page cache."""

    def __init__(self, request, route, query):
        self.request = request
        self.names = route.names
        language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        url = f"{request.path}?{query}" if query else request.path
        self.key = f"page:v2:{language}:" + hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()
        self.tokens = {}
        self.usable = settings.PAGE_CACHE
        self.next_due = None
        # An edge cache asks only when it has no page, often right after a purge: trust no near cache.
        self.fresh = "HTTP_SURROGATE_CAPABILITY" in request.META

    # Looking up

    def lookup(self):
        """Return the stored entry if every generation it was made under is still current.

        Also note the current generations, for the page rendered when there is none.
        """
        keys = {store.gen_key(name): name for name in self.names}
        entry = store.near.pages.get(self.key)
        from_near = entry is not None
        together = not from_near and store.one_store()
        found = store.read([store.NEXT_DUE_KEY, *keys], fresh=self.fresh, also=[self.key] if together else ())
        if found is None:
            self.usable = False
            return None
        if not from_near:
            entry = self._fetched(found.pop(self.key, None) if together else store.pages().get(self.key))
        self.next_due = store.check_schedule(found)
        if self.next_due != found.get(store.NEXT_DUE_KEY):
            found = store.read(keys, fresh=True) or {}
        self.tokens = store.complete(keys, found)
        if self.tokens is None:
            self.usable = False
            return None
        if self._valid(entry):
            return entry
        if from_near:  # another process may have stored a fresher page since
            entry = self._fetched(store.pages().get(self.key))
            return entry if self._valid(entry) else None
        return None

    def _fetched(self, entry):
        if entry is not None:
            store.near.remember_page(self.key, entry)
        return entry

    def _valid(self, entry):
        if entry is None or not self.names <= entry["tokens"].keys():
            return False
        if self._current(entry["tokens"]):
            return True
        # The entry may be newer than what this process last read: read again, once.
        fresh = store.tokens(self.names, fresh=True)
        if fresh is None:
            return False
        self.tokens = fresh
        return self._current(entry["tokens"], fresh=True)

    def _current(self, stored, fresh=False):
        others = [name for name in stored if name not in self.tokens]
        more = store.tokens(others, fresh or self.fresh) if others else {}
        if more is None:
            return False
        current = {**self.tokens, **more}
        return all(current[name] == token for name, token in stored.items())

    def depend_on(self, names):
        new = [name for name in names if name not in self.tokens]
        if new and self.usable:
            more = store.tokens(new, fresh=self.fresh)
            if more is None:
                self.usable = False
            else:
                self.tokens.update(more)

    # Storing

    def entry_for(self, response):
        """Return the entry of a fresh 200 response: its body, every header, its validators."""
        if not response.has_header("ETag"):
            response["ETag"] = quote_etag(hashlib.md5(response.content, usedforsecurity=False).hexdigest())
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(time.time())
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = page_freshness()
        patch_vary_headers(response, ["Cookie"])
        if not get_language_from_path(self.request.path_info):
            # An address without a language prefix is English whatever the reader's browser asks for.
            vary = [field.strip() for field in response["Vary"].split(",")]
            response["Vary"] = ", ".join(field for field in vary if field != "Accept-Language")
        compressible = response.get("Content-Type", "").startswith(COMPRESSIBLE)
        if compressible:
            patch_vary_headers(response, ["Accept-Encoding"])
        if self.tokens:
            response[edge.SURROGATE_KEY_HEADER] = edge.surrogate_keys(self.tokens)
        return {
            "tokens": dict(self.tokens),
            "headers": {key: value for key, value in response.items() if key.lower() not in PER_ANSWER},
            "bodies": {"identity": response.content},
            "compressible": compressible,
            "etag": response["ETag"],
            "modified": parse_http_date_safe(response["Last-Modified"]),
        }

    def store(self, entry):
        """Keep an entry for the next readers, with its compressed forms made once."""
        if not (settings.PAGE_CACHE and self.usable and self.tokens):
            return
        if len(entry["bodies"]["identity"]) > settings.PAGE_CACHE_MAX_BYTES:
            return
        if entry["compressible"]:
            for coding in ENCODINGS:
                _body(entry, coding)
        store.pages().set(self.key, entry, settings.PAGE_CACHE_SECONDS)
        store.near.remember_page(self.key, entry)

    # Answering

    def answer(self, entry, state):
        """Return the response for this reader from `entry`: in the encoding it accepts, or a 304."""
        body, headers = self.parts(entry, state)
        response = HttpResponse(body, headers=dict(headers))
        if any(header in self.request.META for header in CONDITIONAL_HEADERS):
            return get_conditional_response(
                self.request, etag=response["ETag"], last_modified=entry["modified"], response=response
            )
        return response

    def parts(self, entry, state):
        """Return (body, [(header, value)]) of this reader's answer from `entry`.

        The body in the encoding the reader accepts; the headers as stored, then
        the ones set for each answer. Fresh and cached answers alike, through
        Django (`answer`) or before it (pagecache.wsgi), are made here.
        """
        coding = _accepted(self.request) if entry["compressible"] else "identity"
        body = _body(entry, coding)
        etag = entry["etag"]
        headers = [self.fresh_until_due(header) for header in entry["headers"].items()]
        headers.append(("Content-Length", str(len(body))))
        if coding != "identity":
            headers.append(("Content-Encoding", coding))
            etag = etag[:-1] + ETAG_SUFFIX[coding] + '"'
        headers += [("ETag", etag), ("X-Cache", state)]
        return body, headers

    def fresh_until_due(self, header):
        """Let browsers and CDNs keep a public page no longer than until the next scheduled story.

        Otherwise a story due in a minute would reach a CDN's readers up to
        PAGE_SHARED_MAX_AGE late. Pages are stored without the cap and get it on
        their way out, as it stands then. Only the usual freshness of pages is
        capped: a view that chose its own (a card at a versioned, immutable link)
        shows no news. Takes and returns one (header, value).
        """
        name, value = header
        if not self.next_due or name.lower() != "cache-control" or value != page_freshness():
            return header
        left = max(0, int(self.next_due - timezone.now().timestamp()))
        if left < settings.PAGE_SHARED_MAX_AGE:
            return name, f"public, max-age={min(left, settings.PAGE_MAX_AGE)}, s-maxage={left}"
        return header


def _body(entry, coding):
    bodies = entry["bodies"]
    if coding not in bodies:
        bodies[coding] = ENCODINGS[coding](bodies["identity"])
    return bodies[coding]


def page_freshness():
    """Return the Cache-Control of public pages whose view set none."""
    return (
        f"public, max-age={settings.PAGE_MAX_AGE}, s-maxage={settings.PAGE_SHARED_MAX_AGE}, "
        f"stale-while-revalidate={settings.PAGE_MAX_AGE}"
    )


def _storable(request, response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
    )


def left_to_the_stack(request):
    """Return True for a request the stack answers as usual: a bad Host (400), HTTP where HTTPS is required."""
    try:
        request.get_host()
    except DisallowedHost:
        return True
    return settings.SECURE_SSL_REDIRECT and not request.is_secure()


class PageCacheMiddleware:
    """Answer anonymous readers' requests for cached pages before the rest of the stack runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        route = route_of(request.path_info)
        if route is None:
            return self.get_response(request)
        if not is_public_request(request):
            response = self.get_response(request)
            add_never_cache_headers(response)
            return response
        if left_to_the_stack(request):
            return self.get_response(request)
        page = PageCache(request, route, _keep_only(request, route.params))
        if settings.PAGE_CACHE:
            entry = page.lookup()
            if entry is not None:
                return page.answer(entry, "HIT")
        request.page_cache = page
        shown_originals = renditions.fallbacks()
        response = self.get_response(request)
        if not _storable(request, response):
            return response
        entry = page.entry_for(response)
        if renditions.fallbacks() == shown_originals:  # else a picture's renditions are made next time
            page.store(entry)
        return page.answer(entry, "MISS")
