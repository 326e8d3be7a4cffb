"""PostgreSQL through psycopg 3, never waiting on a database that does not answer.

Django's own backend, with two additions for web servers (balkan/wsgi.py calls
`serve_web_requests()`):

- every wait for the database (a query, a commit, a health check) lasts at most
  DATABASE_QUERY_TIMEOUT seconds. PostgreSQL's statement_timeout cannot help
  when the server or the network hangs, since it is the server that would
  send the error; here the client gives up, and closes the connection, whose
  state is then unknown.
- a circuit breaker (`core.breakers.database`): once a wait has timed out or a
  connection could not be made, every query fails at once (the friendly 503)
  until a background probe reaches the database again, so a hung database
  costs one timeout per process, not one per query.

Management commands and tests get neither (a migration may run long), unless
they ask with `deadline(seconds)`.
"""

import threading
from contextlib import contextmanager
from functools import partial

import psycopg
from django.conf import settings
from django.db.backends.postgresql import base
from psycopg import errors

from core import breakers

_WAIT_INTERVAL = 0.1  # as psycopg's own: how often a wait wakes up to notice Ctrl-C
_local = threading.local()
_process = {"timeout": None}
UNAVAILABLE = "The database is unavailable: it did not answer lately."


def query_timeout():
    """Return the longest this thread may wait for the database, in seconds, or None."""
    return getattr(_local, "timeout", _process["timeout"])


def serve_web_requests():
    """Bound every wait for the database in this process by DATABASE_QUERY_TIMEOUT (web servers)."""
    _process["timeout"] = settings.DATABASE_QUERY_TIMEOUT or None


@contextmanager
def deadline(seconds):
    """Bound this thread's waits for the database by `seconds` (None: no bound) within the block."""
    missing = object()
    previous = getattr(_local, "timeout", missing)
    _local.timeout = seconds
    try:
        yield
    finally:
        if previous is missing:
            del _local.timeout
        else:
            _local.timeout = previous


class DeadlineConnection(psycopg.Connection):
    """A psycopg connection whose waits end at the thread's deadline, and not at all while the breaker is open."""

    probe_params = None  # what it was opened with: a probe opens another one alike

    def wait(self, gen, interval=_WAIT_INTERVAL, timeout=None):
        probing = getattr(_local, "probing", False)
        if not probing and not breakers.database_available():
            gen.close()
            raise errors.OperationalError(UNAVAILABLE)
        limit = query_timeout()
        if limit is None or (timeout is not None and timeout <= limit):
            return super().wait(gen, interval, timeout)
        try:
            return super().wait(gen, interval, limit)
        except errors._WaitTimeout:  # psycopg's own "wait timeout expired"
            # Half a query may be on the wire: the connection cannot be used again.
            self.pgconn.finish()
            error = errors.OperationalError(f"The database did not answer within {limit:g} s.")
            if not probing:
                _trip(error, self.probe_params)
            raise error from None


def _trip(error, params):
    breakers.database.trip(error, partial(_probe, params), settings.DATABASE_BREAKER_SECONDS)


def _probe(params):
    """Connect and run SELECT 1 within the usual timeouts, or raise."""
    _local.probing = True
    _local.timeout = settings.DATABASE_QUERY_TIMEOUT or None
    connection = DeadlineConnection.connect(**params)
    try:
        connection.execute("SELECT 1")
    finally:
        connection.close()


class _Psycopg:
    """The psycopg module, but connecting with DeadlineConnection."""

    connect = DeadlineConnection.connect

    def __getattr__(self, name):
        return getattr(psycopg, name)


class DatabaseWrapper(base.DatabaseWrapper):
    Database = _Psycopg()

    def get_new_connection(self, conn_params):
        if not breakers.database_available():
            raise errors.OperationalError(UNAVAILABLE)
        try:
            connection = super().get_new_connection(conn_params)
        except psycopg.OperationalError as error:
            if query_timeout() is not None:
                _trip(error, conn_params)
            raise
        connection.probe_params = conn_params
        return connection
