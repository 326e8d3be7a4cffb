"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

from balkan.environment import prepare_var_dir

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balkan.settings")
prepare_var_dir()

application = get_wsgi_application()

# A web request never waits on a database that does not answer (README, "Configuration").
from core.postgresql.base import serve_web_requests  # noqa: E402

serve_web_requests()
