"""The site's URLs. English has no prefix; other languages live under theirs (/ja/)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.i18n import set_language

from alerts import views as alerts_views
from pagecache import generations as g
from pagecache.views import cached_page
from workflow import views as workflow_views

from . import oembed, views
from .sitemaps import sitemaps

site_patterns = (
    [
        path("", views.HomeView.as_view(), name="home"),
        path("about/", views.PageView.as_view(key="about"), name="about"),
        path("contact/", views.PageView.as_view(key="contact"), name="contact"),
    ],
    "balkan",
)

service_patterns = (
    [
        path("healthz", views.healthz, name="healthz"),
        path("robots.txt", cached_page()(views.robots_txt), name="robots"),
        path("editor/upload/", views.editor_upload, name="editor-upload"),
        path("oembed", oembed.oembed, name="oembed"),
    ],
    "service",
)

urlpatterns = [
    path("", include(service_patterns)),
    path(
        "sitemap.xml",
        cached_page(g.NEWS, g.COUNTRIES, g.PARTNERS, g.CHRONOLOGY, g.SITE, params=("p",))(sitemap),
        {"sitemaps": sitemaps},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("i18n/setlang/", set_language, name="set_language"),
    # The mail provider's reports of bounces and complaints (see README, "E-mail alerts").
    path("alerts/webhook/", alerts_views.webhook, name="alerts-webhook"),
    path("admin/", admin.site.urls),
    # One address in every language (?lang=ja): clients keep it.
    path("api/v1/", include("api.urls")),
]
if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", views.serve_media, name="media"),
    ]
urlpatterns += i18n_patterns(
    path("", include(site_patterns)),
    path("review/<str:token>/", workflow_views.review, name="review"),
    path("", include("events.urls")),
    path("news/", include("news.urls")),
    path("countries/", include("countries.urls")),
    path("chronology/", include("chronology.urls")),
    path("partners/", include("partners.urls")),
    path("search/", include("search.urls")),
    path("alerts/", include("alerts.urls")),
    prefix_default_language=False,
)

handler404 = "balkan.views.page_not_found"
handler500 = "balkan.views.server_error"
