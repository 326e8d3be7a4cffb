"""The peer `make bench` measures the site's uncached pages against: a hand-written Django news site.

What a competent Django developer writes by hand in an afternoon over the
site's own rows, neither trimmed for the bench nor weighed down: Django's stock
middleware (as tools/bench/bare.py has it), an unmanaged model over the site's
`news_newsitem` table, a ListView paginated by 20 and a DetailView by slug
showing the stories the public may see now, and the Django template engine
with autoescaping on (templates in memory, so this module stays whole). The
database is the one DATABASE_URL names, the site's for that size. Served by
gunicorn exactly as the site is:

    DJANGO_SETTINGS_MODULE=tools.bench.plain DATABASE_URL=... gunicorn tools.bench.plain:application
"""

import os
from pathlib import Path

import environ
from django.core.wsgi import get_wsgi_application

SECRET_KEY = "bench-only-not-a-secret-0123456789-abcdefghijklmnopqrstuvwxyz"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = __name__
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
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
DATABASES = {
    "default": environ.Env.db_url_config(
        os.environ.get("DATABASE_URL")
        or f"sqlite:///{Path(__file__).resolve().parents[2] / 'var' / 'db.sqlite3'}"
    )
}
# Persistent connections, as a production site sets them (and this site does, with the same 60 s):
# a new one per request would measure the database's handshake, not the page.
DATABASES["default"]["CONN_MAX_AGE"] = 60
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "Asia/Tokyo"
LANGUAGE_CODE = "en"
STATIC_URL = "static/"

PUBLISHED = "published"  # NewsItem.Status.PUBLISHED in news/models.py

# The story's body is HTML the site's editor sanitised when it was saved (core/richtext.py), so it is
# shown as HTML; everything else is escaped.
TEMPLATE_SOURCES = {
    "base.html": """{% load static %}<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{% endblock %} · Japan–Balkan News</title>
<meta name="description" content="{% block description %}News of Japan and the Balkans{% endblock %}">
<link rel="stylesheet" href="{% static 'site.css' %}">
</head>
<body>
<header class="site-header">
  <a class="site-header__name" href="/">Japan–Balkan News</a>
  <nav aria-label="Main">
    <ul>
      <li><a href="/">Home</a></li>
      <li><a href="{% url 'news:list' %}">News</a></li>
      <li><a href="/countries/">Countries</a></li>
      <li><a href="/about/">About</a></li>
    </ul>
  </nav>
</header>
<main>
{% block content %}{% endblock %}
</main>
<footer class="site-footer">
  <p>© {% now "Y" %} Japan–Balkan News · <a href="/about/">About</a> · <a href="/contact/">Contact</a></p>
</footer>
</body>
</html>
""",
    "plain/story_list.html": """{% extends "base.html" %}
{% block title %}News{% if page_obj.number > 1 %} · page {{ page_obj.number }}{% endif %}{% endblock %}
{% block content %}
<h1>News</h1>
{% for story in story_list %}
<article class="card">
  <h2><a href="{{ story.get_absolute_url }}">{{ story.title }}</a></h2>
  <p class="card__date"><time datetime="{{ story.publish_at|date:'c' }}">{{ story.publish_at|date:"j F Y" }}</time></p>
  {% if story.summary %}<p>{{ story.summary }}</p>{% endif %}
</article>
{% empty %}
<p>No news yet.</p>
{% endfor %}
{% if is_paginated %}
<nav class="pagination" aria-label="Pages">
  {% if page_obj.has_previous %}<a rel="prev" href="?page={{ page_obj.previous_page_number }}">Newer</a>{% endif %}
  <span>Page {{ page_obj.number }} of {{ page_obj.paginator.num_pages }}</span>
  {% if page_obj.has_next %}<a rel="next" href="?page={{ page_obj.next_page_number }}">Older</a>{% endif %}
</nav>
{% endif %}
{% endblock %}
""",
    "plain/story_detail.html": """{% extends "base.html" %}
{% block title %}{{ story.title }}{% endblock %}
{% block description %}{{ story.summary }}{% endblock %}
{% block content %}
<article>
  <h1>{{ story.title }}</h1>
  <p class="story__date"><time datetime="{{ story.publish_at|date:'c' }}">{{ story.publish_at|date:"j F Y, H:i" }}</time></p>
  {% if story.summary %}<p class="story__lead">{{ story.summary }}</p>{% endif %}
  <div class="story__body">{{ story.body|safe }}</div>
</article>
<p><a href="{% url 'news:list' %}">All news</a></p>
{% endblock %}
""",
    "404.html": """{% extends "base.html" %}
{% block title %}Page not found{% endblock %}
{% block content %}<h1>Page not found</h1><p><a href="{% url 'news:list' %}">All news</a></p>{% endblock %}
""",
}
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # Compiled once per process, as Django keeps templates from files when DEBUG is off.
            "loaders": [
                (
                    "django.template.loaders.cached.Loader",
                    [("django.template.loaders.locmem.Loader", TEMPLATE_SOURCES)],
                )
            ],
        },
    }
]

# The app before the model: defining a model needs the app registry that this fills.
application = get_wsgi_application()

from django.db import models  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import include, path, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.views.generic import DetailView, ListView  # noqa: E402


class StoryQuerySet(models.QuerySet):
    def published(self):
        """Return the stories the public may see now: published, due, and not yet expired."""
        now = timezone.now()
        return self.filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now),
            status=PUBLISHED,
            publish_at__lte=now,
        )


class Story(models.Model):
    slug = models.SlugField(max_length=200, unique=True)
    title = models.CharField(max_length=200, db_column="title_en")
    summary = models.TextField(blank=True, db_column="summary_en")
    body = models.TextField(blank=True, db_column="body_en")
    status = models.CharField(max_length=10)
    publish_at = models.DateTimeField()
    expires_at = models.DateTimeField(null=True, blank=True)

    objects = StoryQuerySet.as_manager()

    class Meta:
        app_label = "plain"
        managed = False
        db_table = "news_newsitem"
        verbose_name_plural = "stories"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:detail", args=[self.slug])


class StoryListView(ListView):
    paginate_by = 20

    def get_queryset(self):
        return Story.objects.published().order_by("-publish_at", "-id")


class StoryDetailView(DetailView):
    def get_queryset(self):
        return Story.objects.published()


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


news_patterns = [
    path("", StoryListView.as_view(), name="list"),
    path("<slug:slug>/", StoryDetailView.as_view(), name="detail"),
]
urlpatterns = [path("news/", include((news_patterns, "news"))), path("healthz", healthz)]
