"""Circuit breakers: after one timeout, fail fast instead of waiting on a service that does not answer.

A breaker belongs to one service (the database, the shared cache) in one
process. When a call to the service times out or cannot connect, the caller
trips the breaker: from then on every call fails at once, without touching a
socket, and a background thread tries the service again every few seconds
until it answers; then calls go through again. So a hung service costs one
timeout per process, not one per call.

`database_available()` and `cache_available()` let callers skip work that
needs the service (the page cache does, so cached pages keep answering).
"""

import logging
import threading
import time

logger = logging.getLogger(__name__)


class Breaker:
    """One service's state in this process: available, or away until a background probe succeeds."""

    def __init__(self, name):
        self.name = name
        self.away_since = None  # time.monotonic() of the trip, None while available
        self._lock = threading.Lock()
        self._listeners = []
        self._trips = 0

    def available(self):
        return self.away_since is None

    def on_outage(self, listener):
        """Call `listener()` whenever the service may have been away: tripped, or connected anew."""
        self._listeners.append(listener)

    def connected(self, connection=None):
        """Note a new connection to the service: it may follow an outage nobody here noticed."""
        for listener in self._listeners:
            listener()

    def trip(self, error, probe, seconds):
        """Note that the service did not answer; fail fast until `probe()` succeeds, tried every `seconds`."""
        if self.away_since is not None:
            return
        with self._lock:
            if self.away_since is not None:
                return
            self.away_since = time.monotonic()
            self._trips += 1
            trip = self._trips
        logger.warning(
            "The %s did not answer (%s); failing fast, trying it again every %s s.", self.name, error, seconds
        )
        for listener in self._listeners:
            listener()
        threading.Thread(
            target=self._recover, args=(trip, probe, seconds), name=f"{self.name} probe", daemon=True
        ).start()

    def _recover(self, trip, probe, seconds):
        while True:
            time.sleep(seconds)
            if self._trips != trip or self.away_since is None:
                return  # reset meanwhile (tests), or another probe's business
            try:
                probe()
            except Exception as error:  # noqa: BLE001 - whatever the failure, the service is still away
                logger.debug("The %s still does not answer: %s", self.name, error)
                continue
            with self._lock:
                if self._trips == trip:
                    away = time.monotonic() - self.away_since
                    # Said before calls go through again, so the log never shows calls after an
                    # outage that has not yet ended.
                    logger.warning("The %s answers again (away %.1f s).", self.name, away)
                    self.away_since = None
            return

    def reset(self):
        """Make the service available again at once (tests do, between cases)."""
        with self._lock:
            self._trips += 1
            self.away_since = None


database = Breaker("database")
cache = Breaker("shared cache")


def database_available():
    """Return False while this process knows the database does not answer."""
    return database.available()


def cache_available():
    """Return False while this process knows the shared cache (Redis) does not answer."""
    return cache.available()
