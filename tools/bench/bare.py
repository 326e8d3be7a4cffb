"""The ceiling `make bench` measures the site against: a bare Django app outside the site's stack.

Django's stock middleware (as `startproject` writes it), no database, no
templates, one view returning a fixed page `?bytes=` long. Served by gunicorn
exactly as the site is:

    DJANGO_SETTINGS_MODULE=tools.bench.bare gunicorn tools.bench.bare:application
"""

from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

SECRET_KEY = "bench-only-not-a-secret-0123456789-abcdefghijklmnopqrstuvwxyz"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = __name__
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
DATABASES = {}
USE_TZ = True

PAGE = b"<!DOCTYPE html><title>ok</title><p>ok</p>\n"


def page(request):
    """Return a fixed page, `?bytes=` long."""
    length = request.GET.get("bytes", "")
    body = PAGE.ljust(min(int(length), 10_000_000), b".") if length.isdigit() else PAGE
    return HttpResponse(body)


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("", page), path("healthz", healthz)]
application = get_wsgi_application()
