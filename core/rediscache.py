"""django-redis's client behind a circuit breaker: a Redis that does not answer is skipped, not waited on.

After one call times out or cannot connect (REDIS_TIMEOUT, REDIS_CONNECT_TIMEOUT),
every call fails at once without touching a socket, as an unreachable Redis
does (the cache in front of the client, with IGNORE_EXCEPTIONS, turns that into
a miss), until a background ping gets an answer, tried every
REDIS_BREAKER_SECONDS. The outage is logged once when it starts and once when
it ends; other ignored errors at most once every few seconds, never with a
traceback per call.
"""

import functools
import logging
import socket
import time

from django.conf import settings
from django_redis.client import DefaultClient
from django_redis.exceptions import ConnectionInterrupted
from redis import ConnectionPool
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from core import breakers

logger = logging.getLogger(__name__)
OUTAGES = (RedisConnectionError, RedisTimeoutError, socket.timeout)
COMPLAINT_SECONDS = 10
_last_complaint = [0.0]


def _complain(error):
    now = time.monotonic()
    if now - _last_complaint[0] >= COMPLAINT_SECONDS:
        _last_complaint[0] = now
        logger.warning("A shared cache call failed and was ignored: %s", error)


class NoticingConnectionPool(ConnectionPool):
    """A pool that tells the breaker's listeners of every connection made or made again.

    A new connection may follow an outage this process did not notice (Redis
    restarted, or the network was cut while the process was idle), so what was
    read before it, and whatever may have missed Redis meanwhile, is checked again.
    """

    def make_connection(self):
        connection = super().make_connection()
        connection.register_connect_callback(breakers.cache.connected)
        return connection


def _skipped():
    error = ConnectionInterrupted(connection=None)
    error.__cause__ = RedisConnectionError("skipped: it did not answer lately")
    return error


class BreakerClient(DefaultClient):
    def get_client(self, write=True, tried=None):
        if not breakers.cache_available():
            raise _skipped()
        return super().get_client(write, tried)

    def get_client_with_index(self, write=True, tried=None):
        if not breakers.cache_available():
            raise _skipped()
        return super().get_client_with_index(write, tried)

    def probe(self):
        """Ping Redis within the usual timeouts, or raise."""
        DefaultClient.get_client(self, write=True).ping()


def _guarded(method):
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except ConnectionInterrupted as error:
            cause = error.__cause__
            if isinstance(cause, OUTAGES):
                breakers.cache.trip(cause, self.probe, settings.REDIS_BREAKER_SECONDS)
            elif cause is not None:
                _complain(error)
            raise

    return call


_NOT_CALLS = {"get_client", "get_client_with_index", "connect", "disconnect", "close", "do_close_clients"}
_NOT_CALLS |= {
    "make_key",
    "make_pattern",
    "encode",
    "decode",
    "get_next_client_index",
    "iter_keys",
    "sscan_iter",
}
for _name in dir(DefaultClient):
    if not _name.startswith("_") and _name not in _NOT_CALLS and callable(getattr(DefaultClient, _name)):
        setattr(BreakerClient, _name, _guarded(getattr(DefaultClient, _name)))
