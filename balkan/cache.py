"""Whole pages for anonymous readers, cached until something they show changes.

A page names the *generations* it depends on: the news list depends on "news"
and "countries", a country profile on "country:<slug>", "country-news:<slug>",
"country-profile:<slug>" and "countries". A generation is a random token in the shared cache (Redis, or
files when one machine runs without Redis). `bump()` gives a generation a new
token whenever content it covers changes (`balkan.invalidation` maps model
changes to generations). A stored page keeps the tokens it was rendered under
and is served only while they are all current, so invalidation is exact and
holds across every server that shares the cache.

Each process keeps a near cache: the tokens it read in the last
PAGE_CACHE_LOCAL_SECONDS and the pages it served lately, so that a page served
from the cache usually costs no network round trip at all. A change made in
this process is seen here at once and by the other processes and servers
within PAGE_CACHE_LOCAL_SECONDS (0 turns the near cache off).

Readers with a session or pending messages (staff, previews) always get a
fresh, private page. Scheduled stories need no cron: the time of the next one
is kept beside the generations, and the first request after it bumps what the
stories touch.
"""

import hashlib
import logging
import threading
import time
import uuid
from datetime import UTC, datetime
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_vary_headers,
)
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from django.utils.translation import get_language_from_path

# Every page depends on it: `migrate` (a new release) and a lost schedule bump it.
EVERY_PAGE = "every-page"
NEXT_DUE_KEY = "schedule:next"  # POSIX time of the next scheduled change, 0 when none
RELEASE_LOCK_KEY = "schedule:lock"
CONDITIONAL_HEADERS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)

_schedule = {}
logger = logging.getLogger(__name__)


class _NearCache:
    """This process's recent view of the shared values and the pages it served lately."""

    def __init__(self):
        self.values = {}  # shared key -> (value, time.monotonic() when read)
        self.pages = {}  # page key -> entry, oldest first
        self.lock = threading.Lock()

    def clear(self):
        with self.lock:
            self.values.clear()
            self.pages.clear()

    def remember_values(self, found):
        now = time.monotonic()
        if len(self.values) > 10_000:  # one per story read lately: start again rather than grow
            self.values.clear()
        self.values.update({key: (value, now) for key, value in found.items()})

    def remember_page(self, key, entry):
        with self.lock:
            self.pages.pop(key, None)
            self.pages[key] = entry
            while len(self.pages) > settings.PAGE_CACHE_LOCAL_ENTRIES:
                del self.pages[next(iter(self.pages))]


_near = _NearCache()


def forget_near_cache():
    """Drop this process's near cache (tests do, after emptying the shared cache)."""
    _near.clear()


def _shared():
    return caches["shared"]


def _pages():
    return caches["default"]


def _one_store():
    """Return True when pages and generations live in the same cache (Redis): one round trip."""
    return settings.CACHES["shared"] == settings.CACHES["default"]


def _gen_key(name):
    return f"gen:{name}"


def _new_token():
    return uuid.uuid4().hex[:12]


def _read(keys, fresh=False, also=()):
    """Return {key: value} for shared `keys`, from the near cache when recent enough.

    `also` are keys fetched in the same round trip when one is needed anyway,
    and never taken from the near cache.
    """
    window = 0 if fresh else settings.PAGE_CACHE_LOCAL_SECONDS
    now = time.monotonic()
    known, stale = {}, []
    for key in keys:
        seen = _near.values.get(key)
        if seen is not None and now - seen[1] < window:
            known[key] = seen[0]
        else:
            stale.append(key)
    if stale or also:
        found = _shared().get_many([*stale, *also])
        _near.remember_values({key: found[key] for key in stale if key in found})
        known.update(found)
    return known


def _write(values):
    _shared().set_many(values, timeout=None)
    _near.remember_values(values)


def watch_schedule(next_due, generations_due):
    """Register how to find the next scheduled change and the generations due between two times."""
    _schedule.update(next_due=next_due, generations_due=generations_due)


def tokens(names, fresh=False):
    """Return {name: token} for generations `names`, starting those never seen; None if the cache is down."""
    keys = {_gen_key(name): name for name in names}
    return _complete(keys, _read(keys, fresh))


def _complete(keys, found):
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            _shared().add(key, _new_token(), timeout=None)
        added = _shared().get_many(missing)
        _near.remember_values(added)
        found = {**found, **added}
    return {name: found.get(key) for key, name in keys.items()}


def _renew(names):
    if names:
        _write({_gen_key(name): _new_token() for name in names})


def bump(*names):
    """Make stale every page and value that depends on `names`: now, and again at commit.

    The second bump covers a reader that rendered the old rows between the first
    bump and the commit.
    """
    names = set(names)
    _renew(names)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _renew(names))
    _check_schedule(_read([NEXT_DUE_KEY], fresh=True).get(NEXT_DUE_KEY))


def refresh_every_page():
    """Make every stored page stale, e.g. after a release changed the templates."""
    _renew({EVERY_PAGE})


def schedule_changed():
    """Note the time of the next scheduled change again (a scheduled item was saved)."""
    if _schedule:
        when = _schedule["next_due"]()
        _write({NEXT_DUE_KEY: when.timestamp() if when else 0})


def _check_schedule(marker):
    if marker is None or 0 < marker <= timezone.now().timestamp():
        _release_due(marker)


def _release_due(marker):
    """Bump what scheduled changes since `marker` touch, then note the next one."""
    if not _schedule or not _shared().add(RELEASE_LOCK_KEY, 1, timeout=30):
        return
    try:
        if marker is None:
            # The schedule was lost (first start, eviction): no stored page can be trusted.
            names = {EVERY_PAGE}
        else:
            since = datetime.fromtimestamp(marker, tz=UTC)
            names = _schedule["generations_due"](since, timezone.now())
        _renew(names)
        schedule_changed()
    except DatabaseError:
        # The database is down: the next request looks again; meanwhile pages are served as they are.
        logger.warning("Could not look for scheduled stories", exc_info=True)
    finally:
        _shared().delete(RELEASE_LOCK_KEY)


def remember(key, names, compute, timeout=None):
    """Return compute(), kept in the cache until a generation in `names` changes."""
    current = tokens(names)
    if None in current.values():
        return compute()
    versioned = f"{key}:" + ":".join(f"{name}={token}" for name, token in sorted(current.items()))
    cache_key = "data:" + hashlib.md5(versioned.encode(), usedforsecurity=False).hexdigest()
    value = _pages().get(cache_key)
    if value is None:
        value = compute()
        _pages().set(cache_key, value, timeout or settings.PAGE_CACHE_SECONDS)
    return value


def is_public_request(request):
    """Return True for a request any anonymous reader could have made."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and "preview" not in request.GET
    )


class PageCache:
    """One public request's dealings with the page cache."""

    def __init__(self, request, names):
        self.request = request
        self.names = {EVERY_PAGE, *names}
        # The language from the path, as LocaleMiddleware picks it (this may run before it).
        language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        path = hashlib.md5(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
        self.key = f"page:v1:{language}:{path}"
        self.tokens = {}
        self.usable = True
        self.pending = False
        self.next_due = None

    def lookup(self, find=True, only_stored=False):
        """Return the stored entry if every generation it was made under is still current.

        With find=False only note the current generations, before rendering; with
        only_stored=True look no further (no schedule, no database) when nothing is stored.
        """
        find = find and settings.PAGE_CACHE
        keys = {_gen_key(name): name for name in self.names}
        entry = _near.pages.get(self.key) if find else None
        from_near = entry is not None
        together = find and not from_near and _one_store()
        found = _read([NEXT_DUE_KEY, *keys], also=[self.key] if together else ())
        if find and not from_near:
            entry = self._fetched(found.pop(self.key, None) if together else _pages().get(self.key))
        if only_stored and entry is None:
            return None
        marker = self.next_due = found.get(NEXT_DUE_KEY)
        if marker is None or 0 < marker <= timezone.now().timestamp():
            _check_schedule(marker)
            found = _read([NEXT_DUE_KEY, *keys], fresh=True)
            self.next_due = found.get(NEXT_DUE_KEY)
        self.tokens = _complete(keys, found)
        if None in self.tokens.values():
            self.usable = False
            return None
        if self._valid(entry):
            return entry
        if from_near:  # another process may have stored a fresher page since
            entry = self._fetched(_pages().get(self.key))
            return entry if self._valid(entry) else None
        return None

    def _fetched(self, entry):
        if entry is not None:
            _near.remember_page(self.key, entry)
        return entry

    def _valid(self, entry):
        if entry is None or not self.names <= entry["tokens"].keys():
            return False
        if self._current(entry["tokens"]):
            return True
        # The entry may be newer than what this process last read: read again, once.
        self.tokens = tokens(self.names, fresh=True)
        return self._current(entry["tokens"], fresh=True)

    def _current(self, stored, fresh=False):
        others = [name for name in stored if name not in self.tokens]
        current = {**self.tokens, **(tokens(others, fresh) if others else {})}
        return all(current[name] == token for name, token in stored.items())

    def depend_on(self, names):
        new = [name for name in names if name not in self.tokens]
        if new:
            self.tokens.update(tokens(new))
            if None in self.tokens.values():
                self.usable = False

    def store(self, response):
        """Keep a fresh response for the next readers, unless it is personal or went stale while rendering."""
        if not (settings.PAGE_CACHE and self.usable and _storable(response)):
            return
        if tokens(self.tokens, fresh=True) != self.tokens:
            return
        entry = {
            "tokens": self.tokens,
            "content": response.content,
            "headers": dict(response.items()),
            "etag": response["ETag"],
            "modified": self.modified,
        }
        _pages().set(self.key, entry, settings.PAGE_CACHE_SECONDS)
        _near.remember_page(self.key, entry)

    def prepare(self, response):
        """Give a fresh 200 response its validators and public caching headers."""
        if not response.has_header("ETag"):
            digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
            response["ETag"] = quote_etag(digest)
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(time.time())
        self.modified = parse_http_date_safe(response["Last-Modified"])
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = _page_freshness()
        patch_vary_headers(response, ["Cookie"])

    def fresh_until_due(self, response):
        """Let browsers and CDNs keep a public page no longer than until the next scheduled story.

        Otherwise a story due in a minute would reach a CDN's readers up to
        PAGE_SHARED_MAX_AGE late. Pages are stored without the cap and get it on
        their way out, as it stands then. Only the usual freshness of pages is
        capped: a view that chose its own (a card at a versioned, immutable link)
        shows no news.
        """
        if not self.next_due or response.get("Cache-Control") != _page_freshness():
            return
        left = max(0, int(self.next_due - timezone.now().timestamp()))
        if left < settings.PAGE_SHARED_MAX_AGE:
            response["Cache-Control"] = f"public, max-age={min(left, settings.PAGE_MAX_AGE)}, s-maxage={left}"


def _page_freshness():
    """Return the Cache-Control of public pages whose view set none."""
    return (
        f"public, max-age={settings.PAGE_MAX_AGE}, s-maxage={settings.PAGE_SHARED_MAX_AGE}, "
        f"stale-while-revalidate={settings.PAGE_MAX_AGE}"
    )


def _storable(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
    )


def _conditional(request, response, etag, modified):
    if not any(header in request.META for header in CONDITIONAL_HEADERS):
        return response
    return get_conditional_response(request, etag=etag, last_modified=modified, response=response)


def _rendered(response):
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    return response


def _replay(request, page, entry):
    response = HttpResponse(entry["content"], headers=entry["headers"])
    response["X-Cache"] = "HIT"
    page.fresh_until_due(response)
    return _conditional(request, response, entry["etag"], entry["modified"])


def serve(request, names, render):
    """Answer `request` from the page cache, or with render() (kept for the next readers)."""
    if not is_public_request(request):
        response = _rendered(render())
        add_never_cache_headers(response)
        return response
    page = PageCache(request, names)
    request.page_cache = page
    # PageCacheMiddleware has just looked for this page, in vain.
    in_middleware = getattr(request, "page_cache_missed", False)
    entry = page.lookup(find=not in_middleware)
    if entry is not None:
        return _replay(request, page, entry)
    response = _rendered(render())
    if response.status_code != 200 or response.streaming:
        return response
    page.prepare(response)
    if in_middleware:
        page.pending = True  # stored by the middleware, with every header the stack adds
    else:
        page.store(response)
        page.fresh_until_due(response)
    response["X-Cache"] = "MISS"
    return _conditional(request, response, response["ETag"], page.modified)


class PageCacheMiddleware:
    """Answer anonymous readers from the page cache before the rest of the stack runs.

    It sits right after SecurityMiddleware and WhiteNoise: a cached page skips URL
    resolving, sessions, CSRF and the other middleware, and is replayed with the
    headers the whole stack gave it when it was rendered. Pages are stored here
    too, on their way out, once every middleware has added its headers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (settings.PAGE_CACHE and is_public_request(request)):
            return self.get_response(request)
        page = PageCache(request, ())
        entry = page.lookup(only_stored=True)
        if entry is not None:
            return _replay(request, page, entry)
        request.page_cache_missed = True
        response = self.get_response(request)
        page = getattr(request, "page_cache", None)
        if page is not None and page.pending:
            page.store(response)
            page.fresh_until_due(response)
        return response


def depends_on(request, *names):
    """Declare, while rendering, generations only known once the page's objects are loaded."""
    page = getattr(request, "page_cache", None)
    if page is not None:
        page.depend_on(names)


def cached_page(*dependencies):
    """Decorate a view whose pages show `dependencies` ("country:{slug}" takes the URL's slug)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            names = [name.format(**kwargs) for name in dependencies]
            return serve(request, names, lambda: view(request, *args, **kwargs))

        return wrapped

    return decorator


class CachedPageMixin:
    """A generic view whose pages are cached; `cache_dependencies` name what they show."""

    cache_dependencies = ()

    def dispatch(self, request, *args, **kwargs):
        names = [name.format(**kwargs) for name in self.cache_dependencies]
        return serve(request, names, lambda: super(CachedPageMixin, self).dispatch(request, *args, **kwargs))
