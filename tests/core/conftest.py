"""Fixtures of the tests in tests/core/."""

import pytest
from django.db import connections
from django_redis.cache import RedisCache

from core import breakers
from core.breakers import Breaker
from tests.servers import TcpProxy, redis_address, require_postgresql


@pytest.fixture
def breaker():
    breaker = Breaker("test service")
    yield breaker
    breaker.reset()


@pytest.fixture
def boss(django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.org", "a long secret phrase")


@pytest.fixture
def other_connection(db, settings):
    require_postgresql()
    settings.DATABASE_BREAKER_SECONDS = 0.3
    other = connections.create_connection("default")
    yield other
    other.close()
    breakers.database.reset()


@pytest.fixture
def redis_through_a_proxy(settings):
    host, port, db = redis_address()
    proxy = TcpProxy(host, port)
    proxy.start()
    settings.REDIS_BREAKER_SECONDS = 0.3
    options = {
        "IGNORE_EXCEPTIONS": True,
        "CLIENT_CLASS": "core.rediscache.BreakerClient",
        "CONNECTION_POOL_CLASS": "core.rediscache.NoticingConnectionPool",
        "SOCKET_CONNECT_TIMEOUT": 0.3,
        "SOCKET_TIMEOUT": 0.3,
    }
    cache = RedisCache(
        f"redis://127.0.0.1:{proxy.port}/{db}", {"KEY_PREFIX": "breaker-test", "OPTIONS": options}
    )
    yield proxy, cache
    proxy.resume()
    breakers.cache.reset()
    cache.delete("key")
    proxy.stop()
    breakers.cache.reset()
