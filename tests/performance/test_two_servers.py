"""Two gunicorn servers on one machine, sharing PostgreSQL and Redis as a cluster's servers do.

A story is published on the shared database (as the admin on any server does);
both servers then serve fresh pages that show it at once (they hear the change
announced, though each would trust what it read for a minute), and keep
serving from the cache every page that does not show it.
"""

import time

import pytest

from balkan.models import Page
from news.models import NewsItem
from tests.servers import Server, require_shared_services

# Each server would trust what it read from Redis this long: only the announcement of the change,
# heard on each server's listening connection, can make it look again.
NEAR_CACHE_SECONDS = 60
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


def fetch(server, path):
    status, headers, body = server.get(path)
    return status, headers.get("X-Cache"), body


def status_and_cache(server, path):
    return fetch(server, path)[:2]


@pytest.fixture
def servers(tmp_path):
    require_shared_services()
    started = []
    try:
        for name in ("a", "b"):
            started.append(Server(tmp_path, name, PAGE_CACHE_LOCAL_SECONDS=str(NEAR_CACHE_SECONDS)))
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
        assert status_and_cache(a, path) == (200, "MISS"), path
        assert status_and_cache(b, path) == (200, "HIT"), path  # the page A stored, from the shared Redis

    item = NewsItem.objects.create(
        title="Kono visits Ljubljana", slug="kono-visits-ljubljana", summary="A visit.", status="published"
    )
    item.countries.add(slovenia)
    time.sleep(0.2)  # the announcement's way to each server's listener, well inside the near window

    for path in REFRESHED:
        status, cached, body = fetch(b, path)
        assert (status, cached) == (200, "MISS"), path
        assert "Kono visits Ljubljana" in body or "kono-visits-ljubljana" in body, path
        status, cached, body = fetch(a, path)
        assert (status, cached) == (200, "HIT"), path  # B's fresh page
        assert "Kono visits Ljubljana" in body or "kono-visits-ljubljana" in body, path
    for path in UNTOUCHED:
        for server in (a, b):
            status, cached, body = fetch(server, path)
            assert (status, cached) == (200, "HIT"), path
            assert "Kono visits Ljubljana" not in body
    assert status_and_cache(a, "/news/kono-visits-ljubljana/") == (200, "MISS")
    assert status_and_cache(b, "/news/kono-visits-ljubljana/") == (200, "HIT")
