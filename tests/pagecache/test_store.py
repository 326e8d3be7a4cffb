"""Generations in the shared cache, and changes that must not be lost when it is away."""

import time

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from news.models import NewsItem
from pagecache import store
from pagecache.models import PendingBump

PAGES = ["/", "/news/", "/ja/news/", "/news/feed/", "/countries/slovenia/", "/countries/slovenia/feed/"]


def warm(reader):
    for path in [*PAGES, "/news/kono-visits-ljubljana/"]:
        reader.get(path)
        assert reader.get(path)["X-Cache"] == "HIT", path


def unpublish_in_admin(publisher_client, story, capture):
    with capture(execute=True):
        response = publisher_client.post(
            reverse("admin:news_newsitem_changelist"), {"action": "unpublish", "_selected_action": [story.pk]}
        )
    assert response.status_code == 302
    story.refresh_from_db()
    assert not story.is_public


def assert_gone_everywhere(reader, requests=100):
    stale = 0
    for number in range(requests):
        path = PAGES[number % len(PAGES)]
        body = reader.get(path).content.decode()
        stale += "Kono visits Ljubljana" in body
        stale += reader.get("/news/kono-visits-ljubljana/").status_code == 200
    assert stale == 0


@pytest.mark.django_db
def test_a_story_unpublished_during_an_outage_is_gone_on_this_server_when_the_cache_returns(
    story, publisher_client, shared_cache, django_capture_on_commit_callbacks
):
    reader = Client()
    warm(reader)
    shared_cache.cut()
    unpublish_in_admin(publisher_client, story, django_capture_on_commit_callbacks)
    assert PendingBump.objects.filter(shared_done=False).exists(), "kept in the database"
    shared_cache.restore()

    assert_gone_everywhere(reader)
    assert not PendingBump.objects.exists()


@pytest.mark.django_db
def test_a_story_unpublished_during_an_outage_is_gone_on_other_servers_when_the_cache_returns(
    story, publisher_client, shared_cache, django_capture_on_commit_callbacks
):
    reader = Client()
    warm(reader)
    shared_cache.cut()
    unpublish_in_admin(publisher_client, story, django_capture_on_commit_callbacks)
    shared_cache.restore()
    # Another server knows nothing of the failed delivery; its memory is as old as the outage
    # was long, and so is the sync lease in the shared cache, which expired meanwhile.
    store.near.missed = False
    store.forget_near_cache()
    caches["shared"].delete(store.SYNC_KEY)

    assert_gone_everywhere(reader)
    assert not PendingBump.objects.exists()


@pytest.mark.django_db
def test_a_process_started_after_an_outage_applies_what_it_missed_though_the_lease_outlived_it(
    story, publisher_client, shared_cache, django_capture_on_commit_callbacks, monkeypatch
):
    reader = Client()
    warm(reader)
    shared_cache.cut()
    unpublish_in_admin(publisher_client, story, django_capture_on_commit_callbacks)
    shared_cache.restore()
    # A worker that had read nothing before the outage (or is started after it) never heard of it,
    # and the sync lease is still there: only starting out distrustful keeps it from the old pages.
    monkeypatch.setattr(store, "near", store._NearCache())
    assert caches["shared"].get(store.SYNC_KEY) is not None

    assert_gone_everywhere(reader)
    assert not PendingBump.objects.exists()


@pytest.mark.django_db
def test_a_delivered_change_leaves_nothing_pending(
    story, publisher_client, django_capture_on_commit_callbacks
):
    unpublish_in_admin(publisher_client, story, django_capture_on_commit_callbacks)
    assert not PendingBump.objects.exists()


@pytest.mark.django_db
def test_an_edge_that_did_not_purge_is_asked_again(story, settings, django_capture_on_commit_callbacks):
    settings.EDGE_PURGE_URLS = ["http://127.0.0.1:9/"]  # nothing listens there
    with django_capture_on_commit_callbacks(execute=True):
        NewsItem.objects.filter(pk=story.pk).first().save()
    pending = PendingBump.objects.get()
    assert pending.shared_done and "news" in pending.names
    settings.EDGE_PURGE_URLS = []
    caches["shared"].delete(store.SYNC_KEY)
    store.forget_near_cache()
    assert Client().get("/news/").status_code == 200
    assert not PendingBump.objects.exists()


@pytest.mark.django_db
def test_while_another_server_catches_up_pages_are_rendered_not_trusted(story):
    reader = Client()
    warm(reader)
    store.forget_near_cache()
    caches["shared"].delete(store.SYNC_KEY)
    caches["shared"].add(store.SYNC_LOCK_KEY, 1, timeout=30)
    assert reader.get("/news/")["X-Cache"] == "MISS"


@pytest.mark.django_db
def test_a_generation_never_seen_gets_a_token_and_keeps_it(db):
    first = store.tokens(["partner:new"])
    assert first == store.tokens(["partner:new"], fresh=True)
    store.bump("partner:new")
    assert store.tokens(["partner:new"], fresh=True) != first


@pytest.mark.django_db
def test_remembered_values_are_computed_again_after_a_bump(db):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert store.remember("answer", ["site"], compute) == 1
    assert store.remember("answer", ["site"], compute) == 1
    store.bump("site")
    assert store.remember("answer", ["site"], compute) == 2


@pytest.mark.django_db
def test_without_the_shared_cache_remembered_values_are_computed_each_time(db, shared_cache_down):
    assert [store.remember("answer", ["site"], lambda: 42) for _ in range(2)] == [42, 42]


def _until(condition, seconds=3.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "not within the time"
        time.sleep(0.02)


@pytest.mark.django_db
def test_a_change_announced_by_another_server_is_heard_at_once_though_the_near_window_is_long(
    client, story, settings
):
    if not settings.REDIS_URL:
        pytest.skip("the listener listens on Redis; without it one machine's processes share files")
    settings.PAGE_CACHE_LOCAL_SECONDS = 60
    client.get("/news/")
    _until(store.listener.hearing)  # the first read started this process's listener
    assert client.get("/news/")["X-Cache"] == "HIT"
    # Another server renews "news" in Redis: unannounced, this process keeps trusting what it read...
    caches["shared"].set("gen:news", "from-elsewhere", timeout=None)
    assert client.get("/news/")["X-Cache"] == "HIT"
    # ...announced, as every renewal is, it looks again at once.
    store._client(caches["shared"]).get_client(write=True).publish(store.listener.channel, "renewed")
    _until(lambda: store.gen_key("news") not in store.near.values)
    assert client.get("/news/")["X-Cache"] == "MISS"


@pytest.mark.django_db
def test_a_process_that_cannot_hear_trusts_nothing_it_read(client, story, settings, monkeypatch):
    if not settings.REDIS_URL:
        pytest.skip("the listener listens on Redis; without it one machine's processes share files")
    settings.PAGE_CACHE_LOCAL_SECONDS = 60
    client.get("/news/")
    assert client.get("/news/")["X-Cache"] == "HIT"
    monkeypatch.setattr(store.listener, "subscribed", False)  # as when its connection broke or went silent
    caches["shared"].set("gen:news", "from-elsewhere", timeout=None)
    assert client.get("/news/")["X-Cache"] == "MISS"
