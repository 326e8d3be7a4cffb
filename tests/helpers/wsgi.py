"""Asking the site's WSGI application directly, as gunicorn does, with the stored-page front door in place."""

from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from pagecache.wsgi import Replaying


class Django:
    """Django's WSGI application, counting the requests that reach it."""

    def __init__(self):
        self.application = WSGIHandler()
        self.requests = 0

    def __call__(self, environ, start_response):
        self.requests += 1
        return self.application(environ, start_response)


class Answer:
    """What a WSGI application answered: status, headers (in order, as sent) and body."""

    def __init__(self, status, headers, body):
        self.status, self.headers, self.content = status, dict(headers), body
        self.status_code = int(status.split()[0])

    def __getitem__(self, name):
        return next(value for key, value in self.headers.items() if key.lower() == name.lower())

    def items(self):
        return self.headers.items()

    def __contains__(self, name):
        return any(key.lower() == name.lower() for key in self.headers)


def ask(application, path, method="get", **headers):
    """Return the Answer of the WSGI `application` to a request (headers written as for the test client)."""
    environ = getattr(RequestFactory(), method)(path, **headers).environ
    started = {}

    def start_response(status, headers, exc_info=None):
        started.update(status=status, headers=headers)

    # As the test client does: the test's database connection (and its transaction) outlives a request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        result = application(environ, start_response)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return Answer(started["status"], started["headers"], body)


def site():
    """Return (the site as gunicorn serves it, the Django application behind it)."""
    django = Django()
    return Replaying(django), django
