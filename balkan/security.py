"""Middleware that hardens every response and keeps outages friendly.

- ContentSecurityPolicyMiddleware: django-csp's policy from settings, plus the
  few relaxations CKEditor 5 needs under /admin/ (settings.CSP_ADMIN_UPDATE).
- RejectNullCharactersMiddleware: a query string with NUL characters is a
  clear 400 (PostgreSQL cannot even compare such text).
- DatabaseUnavailableMiddleware: while the database is away, pages answer with
  the friendly 503 page and Retry-After instead of a 500.
- SessionLifetimeMiddleware: a login lasts at most SESSION_ABSOLUTE_AGE,
  however active the session.
"""

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
