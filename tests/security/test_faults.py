"""Faults in a running site: real gunicorn servers whose PostgreSQL and Redis go away, hang and come back.

The app reaches both through TCP proxies this test controls (tests/servers.py
TcpProxy), so "stopping the database" cuts every connection and refuses new
ones, and "hanging" it accepts connections and takes what is sent but answers
nothing, without touching the real servers (which other processes use). The
site must answer 503 while the database is away, fast, keep serving cached
pages meanwhile, keep serving pages without Redis, never serve a page made
stale by a change made during an outage, and recover by itself, with the same
gunicorn workers, when they return.
"""

import http.cookiejar
import itertools
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.servers import IN_CI, TcpProxy, free_port, redis_address

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.postgres

# What the servers under test are given: short, so that the tests are short too.
QUERY_TIMEOUT = 1.0
REDIS_TIMEOUT = 0.5
BREAKER_SECONDS = 2.0


class Browser:
    """A tiny HTTP client with cookies that reports every status instead of raising."""

    def __init__(self, base):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, path, data=None):
        request = urllib.request.Request(self.base + path, data=data)
        if data is not None:
            request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, dict(response.headers), response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode(errors="replace")

    def post_form(self, path, fields):
        _status, _headers, page = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.get(
            path, urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}, doseq=True).encode()
        )

    def log_in(self, username, password):
        return self.post_form("/admin/login/?next=/admin/", {"username": username, "password": password})


def require_postgres():
    if connection.vendor == "postgresql":
        return
    if IN_CI:
        pytest.fail("The fault tests must run in CI: set DATABASE_URL to PostgreSQL.")
    pytest.skip("Fault tests need PostgreSQL (DATABASE_URL=postgres://...); CI runs them.")


class Gunicorn:
    """`gunicorn balkan.wsgi` against the test database and Redis, each reached through a proxy."""

    def __init__(self, tmp_path, name, database_proxy, redis_proxy, redis_db, prefix, **overrides):
        db = connection.settings_dict
        credentials = urllib.parse.quote(db["USER"] or "postgres") + (
            ":" + urllib.parse.quote(db["PASSWORD"]) if db["PASSWORD"] else ""
        )
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        environment = {
            **{key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            # The test settings: the production ones with the hasher the test user was saved with.
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": f"postgres://{credentials}@127.0.0.1:{database_proxy.port}/{db['NAME']}",
            "DATABASE_CONNECT_TIMEOUT": "2",
            "DATABASE_QUERY_TIMEOUT": str(QUERY_TIMEOUT),
            "DATABASE_BREAKER_SECONDS": str(BREAKER_SECONDS),
            "CONN_MAX_AGE": "60",
            "REDIS_URL": f"redis://127.0.0.1:{redis_proxy.port}/{redis_db}",
            "REDIS_TIMEOUT": str(REDIS_TIMEOUT),
            "REDIS_CONNECT_TIMEOUT": str(REDIS_TIMEOUT),
            "REDIS_BREAKER_SECONDS": str(BREAKER_SECONDS),
            # Servers share one cache, as a cluster does.
            "CACHE_KEY_PREFIX": prefix,
            "PAGE_CACHE_SYNC_SECONDS": "3",
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": "http://127.0.0.1",
            "SECRET_KEY": "fault-test-secret-key-" + "x" * 40,
            "VAR_DIR": str(tmp_path / name),
            "MEDIA_ROOT": str(tmp_path / "media"),
            "STATIC_ROOT": str(settings.STATIC_ROOT),
            "LOG_LEVEL": "WARNING",
            **overrides,
        }
        self.log_path = tmp_path / f"{name}.log"
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "balkan.wsgi", "--bind", f"127.0.0.1:{self.port}"]
                + ["--workers", "2", "--threads", "4", "--timeout", "30", "--log-level", "info"],
                cwd=ROOT,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.browser = Browser(self.url)
        self.wait_until(
            lambda: self.browser.get("/healthz")[0] == 200 and self.boots() == 2,
            "gunicorn to start",
            seconds=60,
        )
        self.pid = self.process.pid

    def log(self):
        return self.log_path.read_text()

    def boots(self):
        return self.log().count("Booting worker")

    def wait_until(self, predicate, what, seconds=20):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if predicate():
                    return
            except OSError:
                pass
            assert self.process.poll() is None, self.log()
            time.sleep(0.2)
        pytest.fail(f"gave up waiting for {what}\n{self.log()}")

    def assert_never_restarted(self):
        assert self.process.pid == self.pid and self.process.poll() is None
        assert self.boots() == 2, "no worker restarted"
        assert "Traceback" not in self.log(), self.log()

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=15)


@pytest.fixture
def proxied_site(transactional_db, make_country, make_news, tmp_path):
    """Proxies to the test database and Redis, and a way to start servers behind them."""
    require_postgres()
    redis_host, redis_port, redis_db = redis_address()
    country = make_country(name="Serbia", slug="serbia", iso_code="RS")
    make_news(slug="visit-to-belgrade", title="Visit to Belgrade").countries.add(country)
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user(
        "editor", password="a long enough passphrase 42", is_staff=True, is_superuser=True
    )
    db = connection.settings_dict
    database = TcpProxy(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432))
    redis_proxy = TcpProxy(redis_host, redis_port)
    database.start()
    redis_proxy.start()
    prefix = f"faults-{database.port}"
    servers = []

    def start(name="server", **overrides):
        servers.append(Gunicorn(tmp_path, name, database, redis_proxy, redis_db, prefix, **overrides))
        return servers[-1]

    try:
        yield {
            "start": start,
            "database": database,
            "redis": redis_proxy,
            "redis_db": (redis_host, redis_port, redis_db, prefix),
        }
    finally:
        for server in servers:
            server.stop()
        database.stop()
        redis_proxy.stop()


PAGES = ["/", "/news/", "/news/visit-to-belgrade/", "/countries/serbia/", "/ja/news/"]
UNCACHED = ["/news/?year=200", "/ja/chronology/?from=190", "/search/?q=outage"]


def warm(server, paths=PAGES):
    for path in paths:
        assert server.browser.get(path)[0] == 200, path
        server.wait_until(
            lambda path=path: server.browser.get(path)[1].get("X-Cache") == "HIT", f"{path} cached"
        )


def test_database_outage_gives_503s_and_the_site_recovers_without_a_restart(proxied_site):
    server = proxied_site["start"]()
    browser, database = server.browser, proxied_site["database"]
    warm(server)

    database.stop()
    status, headers, body = browser.get("/healthz")
    assert (status, body) == (503, "database unavailable")
    for attempt in range(2):  # both workers, with their pooled connections cut
        for path in PAGES:
            # Pages already in the page cache are still served while the database is away.
            status, headers, _body = browser.get(path)
            assert (status, headers["X-Cache"]) == (200, "HIT"), path
        for path in UNCACHED:
            # Pages that must be rendered cannot be.
            status, headers, body = browser.get(f"{path}{attempt}")
            assert status == 503, path
            assert headers["Retry-After"] == "30"
            assert "Temporarily unavailable" in body and "<main" in body

    database.start()
    server.wait_until(lambda: browser.get("/healthz")[0] == 200, "the database to come back", seconds=15)
    for _ in range(2):
        for path in PAGES:
            assert browser.get(path)[0] == 200, path
    server.assert_never_restarted()


def test_redis_outage_degrades_to_no_cache_and_recovers(proxied_site):
    import redis

    server = proxied_site["start"]()
    browser, redis_proxy = server.browser, proxied_site["redis"]
    host, port, db, prefix = proxied_site["redis_db"]
    status, _headers, body = browser.log_in("editor", "a long enough passphrase 42")
    assert status == 200 and "Editing the site" in body, re.sub(r"\s+", " ", body)[-3000:]
    assert browser.get("/countries/serbia/card.png")[0] == 200
    real_redis = redis.Redis(host=host, port=port, db=db)
    assert real_redis.keys(f"{prefix}*"), "the site caches in Redis while it is up"
    real_redis.delete(*real_redis.keys(f"{prefix}*"))

    redis_proxy.stop()
    for _ in range(2):
        for path in [*PAGES, "/countries/serbia/card.png", "/healthz"]:
            assert browser.get(path)[0] == 200, path
        status, _headers, body = browser.get("/admin/")
        assert status == 200 and "Editing the site" in body, "still logged in"
    assert not real_redis.keys(f"{prefix}*")

    redis_proxy.start()
    server.wait_until(
        lambda: browser.get("/countries/serbia/card.png")[0] == 200 and real_redis.keys(f"{prefix}*"),
        "the cache to be used again",
    )
    assert browser.get("/admin/")[0] == 200
    real_redis.delete(*real_redis.keys(f"{prefix}*"))
    server.assert_never_restarted()


# Hangs under load: 8 clients at once, each asking in turn for cached pages and pages that must be rendered.

_unique = itertools.count()


class Load:
    """Clients asking a server for pages in a loop, every answer noted with its time."""

    def __init__(self, server, paths, clients=8):
        self.server, self.paths = server, paths
        self.answers = []  # (started, seconds, path, status, X-Cache, Retry-After)
        self.running = True
        self.started = time.monotonic()
        self.threads = [threading.Thread(target=self._ask, args=(number,)) for number in range(clients)]
        for thread in self.threads:
            thread.start()

    def _ask(self, number):
        for turn in itertools.count(number):
            if not self.running:
                return
            path = self.paths[turn % len(self.paths)].format(unique=next(_unique))
            started = time.monotonic()
            status, headers, _body = self.server.browser.get(path)
            self.answers.append(
                (
                    started,
                    time.monotonic() - started,
                    path,
                    status,
                    headers.get("X-Cache"),
                    headers.get("Retry-After"),
                )
            )

    def stop(self):
        self.running = False
        for thread in self.threads:
            thread.join(timeout=30)

    def between(self, start, end):
        return [answer for answer in self.answers if start <= answer[0] and answer[0] + answer[1] <= end]

    def slowest(self, start, end):
        return max(seconds for _start, seconds, *_rest in self.between(start, end))


CACHED = ["/", "/news/", "/news/visit-to-belgrade/", "/countries/serbia/", "/ja/news/"]
RENDERED = ["/search/?q=hang{unique}", "/ja/search/?q=hang{unique}"]


def test_a_hung_database_costs_one_timeout_cached_pages_keep_answering_and_it_recovers(proxied_site):
    server = proxied_site["start"]()
    database = proxied_site["database"]
    warm(server, CACHED)
    load = Load(server, [*CACHED, *RENDERED])
    try:
        time.sleep(2)
        hung = time.monotonic()
        database.hang()
        time.sleep(
            3 * BREAKER_SECONDS + 2
        )  # past the sync lease too: the page cache looks for missed changes
        resumed = time.monotonic()
        database.resume()
        time.sleep(BREAKER_SECONDS + 4)
    finally:
        load.stop()
        database.resume()

    during = load.between(hung + 0.05, resumed)
    assert len(during) > 100, "the site kept answering"
    cached = [answer for answer in during if answer[2] in CACHED]
    rendered = [answer for answer in during if answer[2] not in CACHED]
    assert cached and rendered
    assert {(status, x_cache) for _start, _seconds, _path, status, x_cache, _retry in cached} == {
        (200, "HIT")
    }
    assert {(status, retry) for _start, _seconds, _path, status, _x_cache, retry in rendered} == {(503, "30")}
    ordinary = load.slowest(load.started, hung)
    slowest = max(seconds for _start, seconds, *_rest in during)
    assert slowest < ordinary + QUERY_TIMEOUT + 0.5, (
        f"every answer within the query timeout: the slowest took {slowest:.2f} s, {ordinary:.2f} s before"
    )
    waited = sorted(seconds for _start, seconds, *_rest in during)
    assert waited[len(waited) * 9 // 10] < 0.5, "most answers did not wait at all: the breaker answered"

    after = load.between(resumed + BREAKER_SECONDS + 2, time.monotonic())
    assert after and {status for _start, _seconds, _path, status, *_rest in after} == {200}, "recovered"
    server.assert_never_restarted()


def test_a_hung_redis_costs_one_timeout_and_pages_are_rendered_not_replayed(proxied_site):
    server = proxied_site["start"]()
    redis_proxy = proxied_site["redis"]
    warm(server, CACHED)
    load = Load(server, [*CACHED, *RENDERED])
    try:
        time.sleep(2)
        hung = time.monotonic()
        redis_proxy.hang()
        time.sleep(3 * BREAKER_SECONDS + 2)
        resumed = time.monotonic()
        redis_proxy.resume()
        time.sleep(BREAKER_SECONDS + 4)
    finally:
        load.stop()
        redis_proxy.resume()

    during = load.between(hung + 1.5, resumed)  # after the second each process trusts what it read last
    assert len(during) > 50, "the site kept answering"
    assert {status for _start, _seconds, _path, status, *_rest in during} == {200}
    assert "HIT" not in {x_cache for *_rest, x_cache, _retry in during}, "rendered, not replayed"
    # One timeout on top of what an answer costs anyway under the same load (a busy machine queues
    # requests behind each other: the slowest answer before the hang is the yardstick).
    ordinary = load.slowest(load.started, hung)
    slowest = load.slowest(hung, resumed)
    assert slowest < ordinary + REDIS_TIMEOUT + 0.5, (
        f"one Redis timeout at most: the slowest took {slowest:.2f} s, {ordinary:.2f} s before the hang"
    )

    after = load.between(resumed + BREAKER_SECONDS + 2, time.monotonic())
    assert "HIT" in {x_cache for *_rest, x_cache, _retry in after}, "the cache is used again"
    server.assert_never_restarted()
    log = server.log()
    assert log.count("did not answer") <= 2, log  # once when it starts, per process, not per call


# The outage test: a story unpublished while Redis is away is on no page once it is back.

STORY = "/news/visit-to-belgrade/"
SHOWING_IT = ["/", "/news/", "/news/feed/"]


@pytest.mark.parametrize("servers", [1, 2])
def test_a_story_unpublished_during_a_redis_outage_is_gone_from_every_page_when_it_returns(
    proxied_site, servers
):
    from news.models import NewsItem
    from pagecache.models import PendingBump

    # The sync lease outlives the outage: only what each process noticed (the outage, or a new
    # connection) makes it apply the change kept in the database before it trusts the cache again.
    cluster = [
        proxied_site["start"](f"server-{number}", PAGE_CACHE_SYNC_SECONDS="600") for number in range(servers)
    ]
    for server in cluster:
        warm(server, [*SHOWING_IT, STORY])
    for server in cluster:
        for path in SHOWING_IT:
            assert "Visit to Belgrade" in server.browser.get(path)[2], path

    proxied_site["redis"].stop()
    editor = Browser(cluster[0].url)  # readers are anonymous: their browsers are the servers' own
    status, _headers, body = editor.log_in("editor", "a long enough passphrase 42")
    assert status == 200 and "Editing the site" in body
    story = NewsItem.objects.get(slug="visit-to-belgrade")
    status, _headers, _body = editor.post_form(
        "/admin/news/newsitem/",
        {"action": "unpublish", "_selected_action": [story.pk], "index": 0, "select_across": 0},
    )
    assert status == 200
    story.refresh_from_db()
    assert not story.is_public, "the admin unpublished it"
    assert PendingBump.objects.filter(shared_done=False).exists(), "the refresh waits in the database"
    proxied_site["redis"].start()

    def read(number):
        # On two servers, the one that saw no change is asked first; readers come 8 at a time.
        server, path = cluster[-1 - number % servers], [*SHOWING_IT, STORY][number // servers % 4]
        status, headers, body = Browser(server.url).get(path)
        if (path == STORY and status != 404) or "Visit to Belgrade" in body:
            return (server.port, path, status, headers.get("X-Cache"))
        return None

    with ThreadPoolExecutor(max_workers=8) as readers:
        answers = list(readers.map(read, range(400)))
    stale = [answer for answer in answers if answer is not None]
    assert stale == []
    for server in cluster:
        server.wait_until(
            lambda server=server: server.browser.get("/news/")[1].get("X-Cache") == "HIT", "cached again"
        )
        server.assert_never_restarted()
