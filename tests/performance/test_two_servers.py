"""Two gunicorn servers on one machine, sharing PostgreSQL and Redis as a cluster's servers do.

A story is published on the shared database (as the admin on any server does);
both servers then serve fresh pages that show it, and keep serving from the
cache every page that does not show it.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from balkan.models import Page
from news.models import NewsItem

ROOT = Path(__file__).resolve().parents[2]
NEAR_CACHE_SECONDS = 0.5
REFRESHED = [
    "/",
    "/news/",
    "/ja/news/",
    "/news/feed/",
    "/countries/slovenia/",
    "/countries/slovenia/feed/",
    "/sitemap.xml",
]
UNTOUCHED = [
    "/countries/",
    "/countries/romania/",
    "/countries/slovenia/embed/",
    "/partners/",
    "/chronology/",
    "/about/",
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Server:
    """`gunicorn balkan.wsgi` as `make run` starts it, on a port of its own."""

    def __init__(self, tmp_path, name):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tmp_path / f"{name}.log"
        environment = {
            **{key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"},
            "DATABASE_URL": database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "CACHE_KEY_PREFIX": settings.CACHES["default"]["KEY_PREFIX"],
            "PAGE_CACHE_LOCAL_SECONDS": str(NEAR_CACHE_SECONDS),
            "SECRET_KEY": "two-servers-share-one-secret-key-0123456789-abcdefghijkl",
            "VAR_DIR": str(tmp_path / name),
            "STATIC_ROOT": str(settings.STATIC_ROOT),
            "ALLOWED_HOSTS": "127.0.0.1",
            "DEBUG": "0",
        }
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [
                gunicorn,
                "balkan.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--access-logfile",
                "-",
            ],
            cwd=ROOT,
            env=environment,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )
        self.wait_until_ready()

    def wait_until_ready(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"gunicorn stopped: {self.log.read_text()}")
            try:
                if self.get("/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        pytest.fail(f"gunicorn did not answer in 30 s: {self.log.read_text()}")

    def get(self, path):
        """Return (status, X-Cache, body)."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return response.status, response.headers.get("X-Cache"), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("X-Cache"), error.read().decode()

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=20)


@pytest.fixture
def servers(tmp_path):
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        reason = (
            "two servers need a database and a Redis they can share: run with DATABASE_URL=postgres://… "
            "and REDIS_URL=redis://… (SQLite's test database lives inside this process)"
        )
        if os.environ.get("CI") == "true" and connection.vendor == "postgresql":
            pytest.fail(reason)
        pytest.skip(reason)
    started = []
    try:
        started.append(Server(tmp_path, "a"))
        started.append(Server(tmp_path, "b"))
        yield started
    finally:
        for server in started:
            server.stop()


@pytest.mark.django_db(transaction=True)
def test_a_story_published_once_is_served_fresh_by_both_servers(servers, make_country, make_news):
    slovenia = make_country(name="Slovenia", iso_code="SI")
    make_country(name="Romania", iso_code="RO")
    make_news(title="Earlier story", countries=[slovenia])
    Page.objects.create(key="about", title="About", body="<p>About us.</p>")
    a, b = servers
    for path in REFRESHED + UNTOUCHED:
        assert a.get(path)[:2] == (200, "MISS"), path
        assert b.get(path)[:2] == (200, "HIT"), path  # the page A stored, from the shared Redis

    item = NewsItem.objects.create(
        title="Kono visits Ljubljana", slug="kono-visits-ljubljana", summary="A visit.", status="published"
    )
    item.countries.add(slovenia)
    time.sleep(NEAR_CACHE_SECONDS + 0.3)  # how long a server trusts what it last read from Redis

    for path in REFRESHED:
        status, cached, body = b.get(path)
        assert (status, cached) == (200, "MISS"), path
        assert "Kono visits Ljubljana" in body or "kono-visits-ljubljana" in body, path
        status, cached, body = a.get(path)
        assert (status, cached) == (200, "HIT"), path  # B's fresh page
        assert "Kono visits Ljubljana" in body or "kono-visits-ljubljana" in body, path
    for path in UNTOUCHED:
        for server in (a, b):
            status, cached, body = server.get(path)
            assert (status, cached) == (200, "HIT"), path
            assert "Kono visits Ljubljana" not in body
    assert a.get("/news/kono-visits-ljubljana/")[:2] == (200, "MISS")
    assert b.get("/news/kono-visits-ljubljana/")[:2] == (200, "HIT")
