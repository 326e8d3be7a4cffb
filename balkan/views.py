"""Site-wide pages: home, about/contact, health, robots, errors, uploads."""

import posixpath
import sys

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.http import (
    HttpResponse,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from chronology.models import ChronologyEntry, as_timeline
from core import documents
from core.images import verified_image
from core.security import RETRY_AFTER_SECONDS, is_database_outage, service_unavailable
from countries.models import Country
from news.models import NewsItem, as_cards
from pagecache import generations as g
from pagecache.views import CachedPageMixin
from partners.models import PartnerOrganisation

from .models import Page, Quote


class HomeView(CachedPageMixin, TemplateView):
    """The home page: what the network is, then news, countries, chronology, partners, a quote."""

    cache_dependencies = (g.NEWS, g.COUNTRIES, g.CHRONOLOGY, g.PARTNERS, g.SITE)

    template_name = "balkan/home.html"

    def get_context_data(self, **kwargs):
        news = NewsItem.objects.published().for_cards()
        featured = as_cards(news.filter(is_featured=True)[:3])
        latest = as_cards(news.exclude(pk__in=[item.pk for item in featured])[:6])
        return super().get_context_data(
            featured=featured,
            latest=latest,
            countries=Country.objects.published(),
            highlights=as_timeline(
                ChronologyEntry.objects.published()
                .filter(is_highlight=True)
                .for_timeline()
                .order_by("-date")[:5]
            ),
            partners=PartnerOrganisation.objects.published().order_by("-is_official_partner", "name")[:8],
            quote=Quote.objects.published().order_by("?").first(),
            **kwargs,
        )


class PageView(CachedPageMixin, TemplateView):
    cache_dependencies = (g.SITE,)
    template_name = "balkan/page.html"
    key = None

    def get_context_data(self, **kwargs):
        return super().get_context_data(page=get_object_or_404(Page, key=self.key), **kwargs)


@never_cache
def healthz(request):
    """Answer 200 "ok" when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        response = HttpResponse("database unavailable", status=503, content_type="text/plain")
        # Load balancers and monitors that honour it ask again after this many seconds.
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse("ok", content_type="text/plain")


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /ja/search/",
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_POST
def editor_upload(request):
    """Store an image pasted or dropped into CKEditor 5: staff only, verified images only."""
    if not (request.user.is_authenticated and request.user.is_staff):
        return JsonResponse({"error": {"message": _("Only staff may upload files.")}}, status=403)
    upload = request.FILES.get("upload")
    if upload is None:
        return JsonResponse({"error": {"message": _("Choose an image to upload.")}}, status=400)
    try:
        clean = verified_image(upload)
    except ValidationError as error:
        return JsonResponse({"error": {"message": " ".join(error.messages)}}, status=400)
    name = default_storage.save(timezone.now().strftime("uploads/%Y/%m/") + clean.name, clean)
    return JsonResponse({"url": default_storage.url(name)})


def serve_media(request, path):
    """Serve uploaded media from local disk (single-machine deployments)."""
    path = posixpath.normpath(path).lstrip("/")
    response = static.serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = "public, max-age=86400"
    response["X-Content-Type-Options"] = "nosniff"
    if path.startswith(f"{documents.FOLDER}/"):
        response["Content-Disposition"] = documents.content_disposition(path)
    return response


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # A database outage met outside a view (in a middleware) is a 503, not a 500.
    if is_database_outage(sys.exc_info()[1]):
        return service_unavailable()
    return render(request, "500.html", status=500)
