"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

from balkan.environment import prepare_var_dir

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balkan.settings")
prepare_var_dir()

django_application = get_wsgi_application()

# Stored public pages are answered before Django handles the request (pagecache/wsgi.py).
from pagecache.wsgi import Replaying  # noqa: E402 - once Django is set up

application = Replaying(django_application)

# A web request never waits on a database that does not answer (README, "Configuration").
from core.postgresql.base import serve_web_requests  # noqa: E402

serve_web_requests()
