"""Faults in a running site: a real gunicorn whose PostgreSQL and Redis go away and come back.

The app reaches both through TCP proxies this test controls, so "stopping the
database" cuts every connection and refuses new ones without touching the real
servers (which other processes use). The site must answer 503 while the
database is away, keep serving pages without Redis, and recover by itself,
with the same gunicorn workers, when they return.
"""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
IN_CI = os.environ.get("CI") == "true"
pytestmark = pytest.mark.postgres


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class TcpProxy:
    """Forward 127.0.0.1:port to a target; stop() cuts every connection and refuses new ones."""

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.port = free_port()
        self.listener = None
        self.sockets = []
        self.lock = threading.Lock()

    def start(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self):
        with self.lock:
            for sock in [self.listener, *self.sockets]:
                for close in (lambda s: s.shutdown(socket.SHUT_RDWR), lambda s: s.close()):
                    try:
                        close(sock)
                    except OSError:
                        pass
            self.sockets.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


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

    def log_in(self, username, password):
        _status, _headers, page = self.get("/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = {"csrfmiddlewaretoken": token, "username": username, "password": password, "next": "/admin/"}
        return self.get("/admin/login/?next=/admin/", urllib.parse.urlencode(form).encode())


def require_postgres():
    if connection.vendor == "postgresql":
        return
    if IN_CI:
        pytest.fail("The fault tests must run in CI: set DATABASE_URL to PostgreSQL.")
    pytest.skip("Fault tests need PostgreSQL (DATABASE_URL=postgres://...); CI runs them.")


def redis_target():
    """Return (host, port, db) of the Redis the suite may use."""
    url = urllib.parse.urlsplit(os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15")
    db = int(url.path.strip("/") or 0)
    host, port = url.hostname or "127.0.0.1", url.port or 6379
    try:
        socket.create_connection((host, port), timeout=2).close()
    except OSError:
        if IN_CI:
            pytest.fail(f"Redis is required for the fault tests in CI but {host}:{port} does not answer.")
        pytest.skip(f"Redis at {host}:{port} does not answer; CI runs these tests.")
    return host, port, db


@pytest.fixture
def site(transactional_db, make_country, make_news, tmp_path):
    """Start gunicorn against the test database and Redis, each through a proxy; yield helpers."""
    require_postgres()
    redis_host, redis_port, redis_db = redis_target()
    country = make_country(name="Serbia", slug="serbia", iso_code="RS")
    make_news(slug="visit-to-belgrade").countries.add(country)
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user(
        "editor", password="a long enough passphrase 42", is_staff=True, is_superuser=True
    )

    db = connection.settings_dict
    database_proxy = TcpProxy(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432))
    redis_proxy = TcpProxy(redis_host, redis_port)
    database_proxy.start()
    redis_proxy.start()
    credentials = urllib.parse.quote(db["USER"] or "postgres") + (
        ":" + urllib.parse.quote(db["PASSWORD"]) if db["PASSWORD"] else ""
    )
    port = free_port()
    environment = {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        # The test settings: the production ones with the hasher the test user was saved with.
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"postgres://{credentials}@127.0.0.1:{database_proxy.port}/{db['NAME']}",
        "DATABASE_CONNECT_TIMEOUT": "2",
        "CONN_MAX_AGE": "60",
        "REDIS_URL": f"redis://127.0.0.1:{redis_proxy.port}/{redis_db}",
        "CACHE_KEY_PREFIX": f"faults-{port}",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "SECRET_KEY": "fault-test-secret-key-" + "x" * 40,
        "VAR_DIR": str(tmp_path / "var"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": str(settings.STATIC_ROOT),
        "LOG_LEVEL": "ERROR",
    }
    log_path = tmp_path / "gunicorn.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "balkan.wsgi", "--bind", f"127.0.0.1:{port}"]
            + ["--workers", "2", "--timeout", "30", "--log-level", "info"],
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    browser = Browser(f"http://127.0.0.1:{port}")

    def wait_until(predicate, what, seconds=20):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if predicate():
                    return
            except OSError:
                pass
            assert server.poll() is None, log_path.read_text()
            time.sleep(0.2)
        pytest.fail(f"gave up waiting for {what}\n{log_path.read_text()}")

    def boots():
        return log_path.read_text().count("Booting worker")

    wait_until(lambda: browser.get("/healthz")[0] == 200 and boots() == 2, "gunicorn to start")
    try:
        yield {
            "browser": browser,
            "database": database_proxy,
            "redis": redis_proxy,
            "redis_db": (redis_host, redis_port, redis_db, f"faults-{port}"),
            "wait_until": wait_until,
            "boots": boots,
            "server": server,
        }
    finally:
        server.terminate()
        server.wait(timeout=15)
        database_proxy.stop()
        redis_proxy.stop()


PAGES = ["/", "/news/", "/news/visit-to-belgrade/", "/countries/serbia/", "/ja/news/"]


def test_database_outage_gives_503s_and_the_site_recovers_without_a_restart(site):
    browser, database = site["browser"], site["database"]
    pid = site["server"].pid
    for path in PAGES:
        assert browser.get(path)[0] == 200, path

    database.stop()
    status, _headers, body = browser.get("/healthz")
    assert (status, body) == (503, "database unavailable")
    for attempt in range(2):  # both workers, with their pooled connections cut
        for path in PAGES:
            # A query string of its own: pages already in the page cache are still served
            # while the database is away; this asks for pages that must be rendered.
            status, headers, body = browser.get(f"{path}?outage={attempt}")
            assert status == 503, path
            assert headers["Retry-After"] == "30"
            assert "Temporarily unavailable" in body and "<main" in body

    database.start()
    site["wait_until"](lambda: browser.get("/healthz")[0] == 200, "the database to come back", seconds=15)
    for _ in range(2):
        for path in PAGES:
            assert browser.get(path)[0] == 200, path
    assert site["server"].pid == pid and site["server"].poll() is None
    assert site["boots"]() == 2, "no worker restarted"


def test_redis_outage_degrades_to_no_cache_and_recovers(site):
    import redis

    browser, redis_proxy = site["browser"], site["redis"]
    host, port, db, prefix = site["redis_db"]
    status, _headers, body = browser.log_in("editor", "a long enough passphrase 42")
    assert status == 200 and "Editing the site" in body, re.sub(r"\s+", " ", body)[-3000:]
    assert browser.get("/countries/serbia/card.png")[0] == 200
    real_redis = redis.Redis(host=host, port=port, db=db)
    # The test settings add the worker's name to the prefix.
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
    assert browser.get("/countries/serbia/card.png")[0] == 200
    site["wait_until"](
        lambda: browser.get("/countries/serbia/card.png")[0] == 200 and real_redis.keys(f"{prefix}*"),
        "the cache to be used again",
    )
    assert browser.get("/admin/")[0] == 200
    real_redis.delete(*real_redis.keys(f"{prefix}*"))
    assert site["boots"]() == 2, "no worker restarted"
