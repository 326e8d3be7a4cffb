"""Middleware that hardens every response and keeps outages friendly.

- ContentSecurityPolicyMiddleware: django-csp's policy from settings, plus the
  few relaxations CKEditor 5 needs under /admin/ (settings.CSP_ADMIN_UPDATE).
- RequestBodyLimitMiddleware: a body larger than MAX_REQUEST_BODY_BYTES is
  refused with 413 from its Content-Length, before a byte of it is read.
- RejectNullCharactersMiddleware: a query string with NUL characters is a
  clear 400 (PostgreSQL cannot even compare such text).
- DatabaseUnavailableMiddleware: while the database is away, pages answer with
  the friendly 503 page and Retry-After instead of a 500.
- StaffPagesNeverCachedMiddleware: every answer under /admin/ (and the editor's
  upload) is marked never to be stored, by browsers or by anything between;
  Django's admin leaves some of its own views cacheable (password change).
- SessionLifetimeMiddleware: a login lasts at most SESSION_ABSOLUTE_AGE,
  however active the session.
"""

import functools
import time

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

RETRY_AFTER_SECONDS = 30
LOGIN_TIME_KEY = "_login_at"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.update is None and request.path_info.startswith(reverse("admin:index")):
            parts.update = settings.CSP_ADMIN_UPDATE
        return parts


class RejectNullCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest("Bad request: the address contains a NUL character.")
        return self.get_response(request)


class RequestBodyLimitMiddleware:
    """Refuse a request whose body is too large before anything reads it (multipart uploads included).

    Django reads a body only as far as its Content-Length says (a body without one reads
    as empty), so the declared length is the whole of what could be read. Django's own
    DATA_UPLOAD_MAX_MEMORY_SIZE leaves out uploaded files, which go to disk whatever their size.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponseBadRequest("Bad request: the Content-Length is not a number.")
        if length > settings.MAX_REQUEST_BODY_BYTES:
            return HttpResponse(
                f"Request body too large: at most {settings.MAX_REQUEST_BODY_BYTES:,} bytes.",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class StaffPagesNeverCachedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(staff_prefixes()) and "no-store" not in response.get(
            "Cache-Control", ""
        ):
            add_never_cache_headers(response)
        return response


@functools.cache
def staff_prefixes():
    """The addresses that only staff use: read from the URLconf once it is loaded."""
    return (reverse("admin:index"), reverse("service:editor-upload"))


def service_unavailable():
    """Return the friendly 503 page, built without touching the database."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def is_database_outage(exception):
    return isinstance(exception, OperationalError | InterfaceError)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_outage(exception):
            return service_unavailable()
        return None


class SessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        logged_in_at = request.session.get(LOGIN_TIME_KEY)
        if logged_in_at is not None and time.time() - logged_in_at > settings.SESSION_ABSOLUTE_AGE:
            logout(request)
        return self.get_response(request)


@receiver(user_logged_in, dispatch_uid="session_login_time")
def _remember_login_time(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_TIME_KEY] = time.time()
