"""Caches between tests: emptied once per test, in this worker only."""

from django.conf import settings as django_settings
from django.core.cache import caches

from core import breakers, renditions
from pagecache import fragments
from pagecache.store import forget_near_cache, mark_synchronised


def clear_caches():
    """Empty this test process's caches (on Redis only its own keys: other workers share the database)."""
    # A breaker a fault test left open would make the next test skip Redis (and keep its refreshes pending).
    breakers.cache.reset()
    breakers.database.reset()
    forget_near_cache()
    renditions.known.clear()
    fragments.forget()
    # With Redis, "shared" is "default" (one configuration): clear it once.
    configurations = {id(config): alias for alias, config in django_settings.CACHES.items()}
    for alias in configurations.values():
        caches[alias].clear()  # on Redis, only this worker's keys (see below)
    # A test's database starts with no pending refreshes: the emptied cache is in step with it.
    mark_synchronised()
