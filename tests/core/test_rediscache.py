"""Redis behind a circuit breaker: one timeout, then skipped until it answers again."""

import time

from core import breakers
from tests.core.test_breakers import wait_for


def test_after_one_timeout_a_hung_redis_is_skipped_until_it_answers_again(redis_through_a_proxy, caplog):
    caplog.set_level("WARNING")
    proxy, cache = redis_through_a_proxy
    cache.set("key", "before")
    assert cache.get("key") == "before"

    proxy.hang()
    started = time.monotonic()
    assert cache.get("key") is None, "a miss, not an error"
    assert 0.25 < time.monotonic() - started < 0.9, "one timeout, not one per retry"
    assert not breakers.cache_available()
    started = time.monotonic()
    for _ in range(200):
        assert cache.get("key") is None
        cache.set("key", "during")
    assert time.monotonic() - started < 0.3, "skipped, not waited on"

    proxy.resume()
    assert wait_for(breakers.cache_available, seconds=3)
    assert cache.get("key") == "before", "nothing was written while it was skipped"
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 2, messages
    assert "did not answer" in messages[0] and "answers again" in messages[1]


def test_a_refused_connection_trips_the_breaker_too(redis_through_a_proxy):
    proxy, cache = redis_through_a_proxy
    proxy.stop()
    assert cache.get("key") is None
    assert not breakers.cache_available()
    started = time.monotonic()
    assert [cache.get("key") for _ in range(100)] == [None] * 100
    assert time.monotonic() - started < 0.2
    proxy.start()
    assert wait_for(breakers.cache_available, seconds=3)


def test_every_new_connection_is_heard_of(redis_through_a_proxy):
    proxy, cache = redis_through_a_proxy
    heard = []
    breakers.cache.on_outage(lambda: heard.append(1))
    try:
        cache.get("key")
        assert heard, "the first connection"
        heard.clear()
        cache.get("key")
        assert not heard, "the same connection again"
        proxy.stop()  # Redis restarts while this process is idle: it notices nothing...
        proxy.start()
        cache.get("key")
        assert heard, "...but the connection made again is heard of"
    finally:
        breakers.cache._listeners.pop()
