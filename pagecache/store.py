"""Generations: what a stored page or value was made from, and how a change makes it stale.

A page names the *generations* it depends on ("news", "country:slovenia", ...).
A generation is a random token in the shared cache (Redis, or files when one
machine runs without Redis). `bump()` gives a generation a new token when
content it covers changes; a stored page keeps the tokens it was rendered
under and is served only while they are all current, so invalidation is exact
and holds across every server that shares the cache.

A change is never lost to an outage of the shared cache: `bump()` writes the
names to the database (`PendingBump`), in the transaction of the change, and
deletes them once the shared cache and the edge cache have them. The shared
cache holds a *sync lease* that only a process that has applied every pending
bump may set, with a life of PAGE_CACHE_SYNC_SECONDS; when the shared cache
comes back from an outage longer than that, the lease is gone, and the first
reader applies what the database kept before any stored page is trusted.

Each process keeps a near cache: the tokens it read in the last
PAGE_CACHE_LOCAL_SECONDS and the pages it served lately, so that a page served
from the cache usually costs no network round trip at all. With Redis, each
process also listens on one connection (PAGE_CACHE_LISTEN): every renewal is
announced there and drops the tokens every other process remembers, at once,
and a silent or broken connection (an outage, even one the process served no
request during) makes it distrust what it read. While it cannot hear, the
process trusts nothing it read before: each page asks Redis.
"""

import contextlib
import contextvars
import hashlib
import logging
import os
import threading
import time
import uuid
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.utils import timezone

from core import breakers

from . import edge, generations
from .generations import EVERY_PAGE
from .models import PendingBump

NEXT_DUE_KEY = "schedule:next"  # POSIX time of the next scheduled change, 0 when none
RELEASE_LOCK_KEY = "schedule:lock"
SYNC_KEY = "sync:lease"
SYNC_LOCK_KEY = "sync:lock"

_schedule = {}
# Set while a preview renders a change inside a transaction that will be rolled back: nothing it
# changes or computes may reach a cache that readers share.
_sandboxed = contextvars.ContextVar("pagecache_sandboxed", default=False)
logger = logging.getLogger(__name__)


class _NearCache:
    """This process's recent view of the shared values and the pages it served lately."""

    def __init__(self):
        self.values = {}  # shared key -> (value, time.monotonic() when read)
        self.pages = {}  # page key -> entry, oldest first
        self.lock = threading.Lock()
        # A bump did not reach the shared cache: apply the outbox when it answers. A new process starts
        # so: an outage before it was born (a bump the lease outlived) is one it could not have heard of.
        self.missed = True
        self.epoch = 0  # grows whenever what was read may be out of date

    def clear(self):
        with self.lock:
            self.epoch += 1
            self.values.clear()
            self.pages.clear()

    def forget_values(self):
        self.epoch += 1
        self.values.clear()

    def remember_values(self, found, epoch=None):
        if epoch is not None and epoch != self.epoch:
            return  # read before a change was announced: not worth trusting
        now = time.monotonic()
        if len(self.values) > 10_000:  # one per story read lately: start again rather than grow
            self.values.clear()
        self.values.update({key: (value, now) for key, value in found.items()})

    def window(self, fresh):
        """Return how long what was read may be trusted: not at all while changes cannot be heard of."""
        if fresh or not listener.hearing():
            return 0
        return settings.PAGE_CACHE_LOCAL_SECONDS

    def remember_page(self, key, entry):
        with self.lock:
            self.pages.pop(key, None)
            self.pages[key] = entry
            while len(self.pages) > settings.PAGE_CACHE_LOCAL_ENTRIES:
                del self.pages[next(iter(self.pages))]


near = _NearCache()

HEARTBEAT = 1.0  # seconds: a listening connection silent for longer than this is taken for an outage


class _Listener:
    """This process's ear on Redis: announcements of renewed generations, and signs of life.

    One daemon thread per process (started by the first read, again after a
    fork) subscribes to CHANNEL. Each announcement drops the tokens this process
    remembers; a broken connection, or a ping unanswered within HEARTBEAT (a
    hung Redis or network), drops them too and marks the outbox to be applied,
    as any outage does. `hearing()` is true only while the subscription is up
    and heard from lately; until then nothing read is trusted beyond one read.
    """

    CHANNEL = "pagecache:renewed"

    @property
    def channel(self):
        """CHANNEL under the cache's key prefix: sites (or test workers) sharing a Redis do not hear each other."""
        return f"{_shared().key_prefix}:{self.CHANNEL}"

    def __init__(self):
        self.thread = None
        self.subscribed = False
        self.heard = 0.0
        self.lock = threading.Lock()

    def applies(self):
        return settings.PAGE_CACHE_LISTEN and _client(_shared()) is not None

    def hearing(self):
        if not self.applies():
            # One machine's files, or listening turned off: the near window alone bounds staleness.
            return True
        if self.thread is None:
            self.start()
            return False
        return self.subscribed and time.monotonic() - self.heard < 2 * HEARTBEAT

    def start(self):
        with self.lock:
            if self.thread is None:
                self.thread = threading.Thread(target=self._run, name="page cache listener", daemon=True)
                self.thread.start()

    def forked(self):
        self.thread, self.subscribed = None, False
        _distrust_what_was_read()

    def announce(self):
        """Tell every process that generations were renewed (after they were written)."""
        client = _client(_shared())
        if client is None or not settings.PAGE_CACHE_LISTEN:
            return
        try:
            client.get_client(write=True).publish(self.channel, "renewed")
        except Exception as error:  # noqa: BLE001 - the others then hear nothing and stop trusting
            logger.debug("Could not announce a renewal: %s", error)

    def _run(self):
        while True:
            try:
                self._listen()
            except Exception as error:  # noqa: BLE001 - any failure is an outage: distrust, then try again
                logger.debug("The page cache listener lost Redis: %s", error)
            self.subscribed = False
            if self.applies():  # with listening turned off, nothing here was trusted on its word
                _distrust_what_was_read()
            time.sleep(HEARTBEAT / 2)

    def _listen(self):
        if not breakers.cache_available():
            raise ConnectionError("the shared cache is away")
        pubsub = _client(_shared()).get_client(write=True).pubsub()
        try:
            pubsub.subscribe(self.channel)
            pinged = None
            while True:
                message = pubsub.get_message(timeout=HEARTBEAT / 4)
                now = time.monotonic()
                if message is not None:
                    if message["type"] == "subscribe":
                        if self.subscribed:  # subscribed again: the connection was made anew
                            _distrust_what_was_read()
                        near.forget_values()
                        self.subscribed = True
                    elif message["type"] == "message":
                        near.forget_values()
                    self.heard, pinged = now, None
                elif pinged is None:
                    if now - self.heard >= HEARTBEAT / 2:
                        pubsub.ping()
                        pinged = now
                elif now - pinged > HEARTBEAT:
                    raise TimeoutError(f"no answer to a ping within {HEARTBEAT} s")
        finally:
            self.subscribed = False
            try:
                pubsub.close()
            except Exception:  # noqa: BLE001, S110 - closing a dead connection
                pass


listener = _Listener()
os.register_at_fork(after_in_child=listener.forked)


def _distrust_what_was_read():
    # The shared cache was away (or this is a new connection to it, maybe after an outage nobody here
    # noticed): bumps may have missed it. Apply the database's before trusting it again.
    near.clear()
    near.missed = True


breakers.cache.on_outage(_distrust_what_was_read)


def forget_near_cache():
    """Drop this process's near cache (tests do, after emptying the shared cache)."""
    near.clear()


def _shared():
    return caches["shared"]


def pages():
    """Return the cache that holds page bodies and remembered values."""
    return caches["default"]


def one_store():
    """Return True when pages and generations live in the same cache (Redis): one round trip."""
    return settings.CACHES["shared"] == settings.CACHES["default"]


# The shared cache, with its failures told apart from a miss (django-redis hides them otherwise).


class _Complaints:
    """Say that a cache is unreachable at most once every few seconds, not once per call."""

    def __init__(self, seconds=10):
        self.seconds = seconds
        self.last = 0.0

    def __call__(self, error):
        if not breakers.cache_available():
            return  # the breaker said so when it opened
        now = time.monotonic()
        if now - self.last >= self.seconds:
            self.last = now
            logger.warning("The shared cache did not answer (%s); pages are rendered uncached.", error)


complain = _Complaints()


def _client(cache):
    """Return django-redis's client, whose errors are not swallowed, or None for other caches."""
    return getattr(cache, "client", None) if hasattr(cache, "_client_cls") else None


def shared_call(method, *args, **kwargs):
    """Call `method` on the shared cache; return (True, result), or (False, None) when it is unreachable."""
    cache = _shared()
    target = _client(cache) or cache
    try:
        return True, getattr(target, method)(*args, **kwargs)
    except Exception as error:  # noqa: BLE001 - any failure of the cache is an outage to ride out
        complain(error)
        return False, None


def gen_key(name):
    return f"gen:{name}"


def _new_token():
    return uuid.uuid4().hex[:12]


def read(keys, fresh=False, also=()):
    """Return {key: value} for shared `keys`, from the near cache when recent enough; None if unreachable.

    `also` are keys fetched in the same round trip when one is needed anyway,
    and never taken from the near cache.
    """
    window = near.window(fresh)
    now = time.monotonic()
    known, stale = {}, []
    for key in keys:
        seen = near.values.get(key)
        if seen is not None and now - seen[1] < window:
            known[key] = seen[0]
        else:
            stale.append(key)
    if stale or also:
        epoch = near.epoch
        ok, found = shared_call("get_many", [*stale, *also, SYNC_KEY])
        if not ok:
            return None
        if near.missed or found.pop(SYNC_KEY, None) is None:
            if not synchronise():
                return None
            ok, found = shared_call("get_many", [*stale, *also])
            if not ok:
                return None
        near.remember_values({key: found[key] for key in stale if key in found}, epoch)
        known.update(found)
    return known


def write(values):
    """Give shared keys new values (never expiring); return False if the shared cache is unreachable."""
    ok, _result = shared_call("set_many", values, timeout=None)
    if ok:
        listener.announce()
    near.remember_values(values)
    if not ok:
        near.missed = True
    return ok


def watch_schedule(next_due, generations_due):
    """Register how to find the next scheduled change and the generations due between two times."""
    _schedule.update(next_due=next_due, generations_due=generations_due)


def tokens(names, fresh=False):
    """Return {name: token} for generations `names`, starting those never seen; None if the cache is down."""
    keys = {gen_key(name): name for name in names}
    found = read(keys, fresh)
    return None if found is None else complete(keys, found)


def complete(keys, found):
    """Return {name: token} from `found`, adding a first token for names never seen (None on failure)."""
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            ok, _added = shared_call("add", key, _new_token(), timeout=None)
            if not ok:
                return None
        ok, added = shared_call("get_many", missing)
        if not ok:
            return None
        near.remember_values(added)
        found = {**found, **added}
    if any(key not in found for key in keys):
        return None
    return {name: found[key] for key, name in keys.items()}


def _renew(names):
    return write({gen_key(name): _new_token() for name in names}) if names else True


def bump(*names):
    """Make stale every page and value that depends on `names`, on every server and at the edge.

    Inside a transaction the names are also written to the database with the
    change and delivered again at commit (a reader may have rendered the old
    rows in between); a delivery that does not reach the shared cache or the
    edge stays in the database until one does.
    """
    names = sorted(set(names))
    if not names or _sandboxed.get():
        return
    for name in names:
        generations.kind_of(name)  # a typo fails here, not as a page that never refreshes
    delivered = _renew(names)
    if transaction.get_connection().in_atomic_block:
        pending = PendingBump.objects.create(names=names)
        transaction.on_commit(lambda: _deliver(pending, names))
    elif not (delivered and edge.purge(names)):
        PendingBump.objects.create(names=names, shared_done=delivered)
    found = read([NEXT_DUE_KEY], fresh=True)
    if found is not None:
        _check_schedule(found.get(NEXT_DUE_KEY))


def _deliver(pending, names):
    shared_done = _renew(names)
    try:
        if shared_done and edge.purge(names):
            pending.delete()
        elif shared_done:
            PendingBump.objects.filter(pk=pending.pk).update(shared_done=True)
    except DatabaseError:
        logger.warning("Could not note a delivered cache refresh; it will be delivered again", exc_info=True)


def synchronise():
    """Apply the bumps the shared cache missed, then renew the sync lease; return True when done.

    Called when the lease is gone (the shared cache was away longer than its
    life, or was emptied) and after this process failed to deliver a bump.
    While another process is at it, or the database is away, stored pages are
    not trusted (False) or trusted as they are (True: nothing can have changed).
    """
    if not breakers.database_available():
        # The database is away: no change can be committed meanwhile, so what is stored stays true.
        return True
    cache = _shared()
    target = _client(cache) or cache
    try:
        if not target.add(SYNC_LOCK_KEY, 1, timeout=30):
            return _wait_for_lease()
    except Exception as error:  # noqa: BLE001
        complain(error)
        return False
    try:
        rows = list(PendingBump.objects.order_by("pk").values_list("pk", "names", "shared_done")[:1000])
        shared_names = {name for _pk, names, done in rows if not done for name in names}
        edge_names = {name for _pk, names, _done in rows for name in names}
        if not _renew(shared_names):
            return False
        near.missed = False
        done = [pk for pk, *_rest in rows]
        if edge.purge(edge_names):
            PendingBump.objects.filter(pk__in=done).delete()
        else:
            PendingBump.objects.filter(pk__in=done).update(shared_done=True)
        target.set(SYNC_KEY, 1, timeout=settings.PAGE_CACHE_SYNC_SECONDS)
        return True
    except DatabaseError:
        # The database is away: no change can be committed meanwhile, so what is stored stays true.
        logger.warning("Could not read the pending cache refreshes; the database did not answer")
        return True
    except Exception as error:  # noqa: BLE001
        complain(error)
        return False
    finally:
        try:
            target.delete(SYNC_LOCK_KEY)
        except Exception:  # noqa: BLE001, S110 - the lock expires by itself
            pass


def _wait_for_lease():
    """Wait for the process that is synchronising; return True when stored pages may be trusted.

    It holds the lock for a few milliseconds, or, when the database hangs, for
    at most DATABASE_QUERY_TIMEOUT: waiting is cheaper than rendering, and a
    page rendered meanwhile would meet the same hung database. Once it lets
    go, it has applied every pending change, or found the database away (then
    nothing can have changed): trusted either way. Still held after the wait:
    not trusted. A lease already there proves nothing while the lock is held
    (it may be older than an outage).
    """
    deadline = time.monotonic() + (settings.DATABASE_QUERY_TIMEOUT or 2) + 0.5
    while time.monotonic() < deadline:
        time.sleep(0.02)
        ok, found = shared_call("get_many", [SYNC_LOCK_KEY])
        if not ok:
            return False
        if SYNC_LOCK_KEY not in found:
            return True
    return False


def mark_synchronised():
    """Note that nothing is pending (tests do, after emptying the caches and the database)."""
    shared_call("set", SYNC_KEY, 1, timeout=settings.PAGE_CACHE_SYNC_SECONDS)
    near.missed = False


def refresh_every_page():
    """Make every stored page stale, e.g. after a release changed the templates."""
    bump(EVERY_PAGE)


def schedule_changed():
    """Note the time of the next scheduled change again (a scheduled item was saved)."""
    if _schedule:
        when = _schedule["next_due"]()
        write({NEXT_DUE_KEY: when.timestamp() if when else 0})


def _check_schedule(marker):
    if marker is None or 0 < marker <= timezone.now().timestamp():
        _release_due(marker)


def _release_due(marker):
    """Bump what scheduled changes since `marker` touch, then note the next one."""
    if not _schedule or not breakers.database_available():
        return
    ok, locked = shared_call("add", RELEASE_LOCK_KEY, 1, timeout=30)
    if not (ok and locked):
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
        logger.warning("Could not look for scheduled stories; the database did not answer")
    finally:
        shared_call("delete", RELEASE_LOCK_KEY)


def check_schedule(found):
    """Release scheduled changes that are due, given the shared values just read; return the next time."""
    marker = found.get(NEXT_DUE_KEY)
    if marker is None or 0 < marker <= timezone.now().timestamp():
        _check_schedule(marker)
        again = read([NEXT_DUE_KEY], fresh=True)
        marker = None if again is None else again.get(NEXT_DUE_KEY)
    return marker


def remember(key, names, compute, timeout=None):
    """Return compute(), kept in the cache until a generation in `names` changes."""
    if _sandboxed.get():
        return compute()
    current = tokens(names)
    if current is None:
        return compute()
    versioned = f"{key}:" + ":".join(f"{name}={token}" for name, token in sorted(current.items()))
    cache_key = "data:" + hashlib.md5(versioned.encode(), usedforsecurity=False).hexdigest()
    value = pages().get(cache_key)
    if value is None:
        value = compute()
        pages().set(cache_key, value, timeout or settings.PAGE_CACHE_SECONDS)
    return value


def sandboxed():
    """Return True inside `sandbox()`: what is rendered there is not what the public sees."""
    return _sandboxed.get()


@contextlib.contextmanager
def sandbox():
    """Within: changes renew no generation and values computed are not kept (for rolled-back previews)."""
    token = _sandboxed.set(True)
    try:
        yield
    finally:
        _sandboxed.reset(token)
