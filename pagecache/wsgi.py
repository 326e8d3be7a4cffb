"""The page cache's front door: a stored page answered before Django handles the request.

balkan/wsgi.py wraps Django's WSGI application in `Replaying`. A GET that
PageCacheMiddleware (the first middleware) would answer from a stored page is
answered here instead, from the same entry by the same code
(`PageCache.parts`), and so with the same bytes and headers, but without what
Django does around every request: the request_started and request_finished
signals, the middleware chain and an HttpResponse. That was about half of what
a cached page cost. Everything else goes to Django as before, where the
middleware answers it: misses (rendered and stored), HEAD and conditional
requests (a 304), readers with a session, and requests through the test client.

Only middleware placed before PageCacheMiddleware would be skipped: CORS is the
one allowed there, and the paths it serves (CORS_URLS_REGEX) are left to
Django; anything else placed there stops the site from starting.
"""

import re
from contextlib import ExitStack
from functools import partial

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.handlers.wsgi import WSGIRequest
from django.core.signals import request_finished
from django.db import connections

from .middleware import (
    CONDITIONAL_HEADERS,
    PageCache,
    _keep_only,
    is_public_request,
    left_to_the_stack,
    route_of,
)

PAGE_CACHE_MIDDLEWARE = "pagecache.middleware.PageCacheMiddleware"
MAY_COME_BEFORE = {"corsheaders.middleware.CorsMiddleware"}


class Replaying:
    """A WSGI application: Django's, with stored public pages answered before it runs."""

    def __init__(self, application):
        self.application = application
        middleware = list(settings.MIDDLEWARE)
        before = set(middleware[: middleware.index(PAGE_CACHE_MIDDLEWARE)])
        if before - MAY_COME_BEFORE:
            raise ImproperlyConfigured(
                f"{PAGE_CACHE_MIDDLEWARE} must come first in MIDDLEWARE (only CORS may come before it): "
                "pages answered before Django runs would skip " + ", ".join(sorted(before - MAY_COME_BEFORE))
            )
        regex = getattr(settings, "CORS_URLS_REGEX", None)
        self.cors = re.compile(regex) if regex and before else None

    def __call__(self, environ, start_response):
        answer = None
        if environ.get("REQUEST_METHOD") == "GET" and settings.PAGE_CACHE:
            answer = self.stored_answer(environ)
        if answer is None:
            return self.application(environ, start_response)
        body, headers = answer
        start_response("200 OK", headers)
        return [body]

    def stored_answer(self, environ):
        """Return (body, headers) of the stored page for this request, or None to let Django answer it."""
        if any(header in environ for header in CONDITIONAL_HEADERS):
            return None
        request = WSGIRequest(dict(environ))  # a copy: unread parameters are dropped from its query
        route = route_of(request.path_info)
        if route is None or (self.cors and self.cors.match(request.path_info)):
            return None
        if not is_public_request(request) or left_to_the_stack(request):
            return None
        page = PageCache(request, route, _keep_only(request, route.params))
        queried = []
        with ExitStack() as watching:
            for connection in connections.all():
                watching.enter_context(connection.execute_wrapper(partial(_noted, queried)))
            try:
                entry = page.lookup()
            finally:
                if queried:  # the outbox or the schedule was read: end the request as Django would
                    request_finished.send(sender=self.__class__)
        return None if entry is None else page.parts(entry, "HIT")


def _noted(queried, execute, sql, params, many, context):
    queried.append(sql)
    return execute(sql, params, many, context)
