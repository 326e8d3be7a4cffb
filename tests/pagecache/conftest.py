"""Fixtures of the tests in tests/pagecache/."""

import datetime

import pytest
from django.utils import timezone

from pagecache import store
from pagecache.models import PendingBump
from pagecache.pagination import AnchoredPaginator
from tests.servers import Server, Varnish, require_shared_services


@pytest.fixture
def edge_cache(tmp_path, settings):
    require_shared_services()
    app = Server(tmp_path, "app")
    varnish = None
    try:
        varnish = Varnish(tmp_path, app)
        # This process publishes as the admin would; the app servers purge the same edge.
        settings.EDGE_PURGE_URLS = [varnish.url + "/"]
        yield varnish
    finally:
        for server in (varnish, app):
            if server is not None:
                server.stop()


@pytest.fixture
def bumped(monkeypatch):
    names = set()
    renew = store._renew

    def recording(new):
        names.update(new)
        return renew(new)

    monkeypatch.setattr(store, "_renew", recording)
    return names


@pytest.fixture
def small_anchors(monkeypatch):
    monkeypatch.setattr(AnchoredPaginator, "anchor_every", 7)


@pytest.fixture
def many_stories(make_news):
    now = timezone.now().replace(microsecond=0)
    # Groups of three share a publish time: the order must still be total (newest, then highest id).
    return [
        make_news(kind="visit" if n % 2 else "news", publish_at=now - datetime.timedelta(hours=n // 3))
        for n in range(95)
    ]


@pytest.fixture
def story(make_news, make_country):
    item = make_news(
        title="Kono visits Ljubljana", slug="kono-visits-ljubljana", countries=[make_country(name="Slovenia")]
    )
    # Delivered when they were made; a test's transaction never commits, so they are still here.
    PendingBump.objects.all().delete()
    return item
