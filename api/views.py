"""The read API, /api/v1/: news, countries, chronology and partners, as the public pages show them.

Built with django-ninja: each endpoint's pydantic schemas (api/schemas.py)
validate what it reads and what it answers, and make the OpenAPI 3 document
(/api/v1/openapi.json) and its browsable page (/api/v1/docs/). Only what the
public pages show is answered: each list starts from its app's own QuerySet
method (`NewsItem.objects.published()`...). Filters are validated by the public
lists' own forms, so `?country=` means the same on /news/ and here. Responses
are cached whole by the page cache like pages (see api/urls.py).
"""

from contextlib import contextmanager

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query
from ninja.errors import ValidationError
from ninja.throttling import AnonRateThrottle

from chronology.forms import ChronologyFilterForm
from chronology.models import ChronologyEntry
from core.dates import partial_date_text
from core.filters import BadFilter
from core.linked_data import absolute
from core.renditions import picture
from countries.models import Country
from news.forms import NewsFilterForm
from news.models import NewsItem
from pagecache import generations as g
from pagecache.views import depends_on
from partners.models import PartnerOrganisation

from . import schemas
from .cursors import BadCursor, Keyset
from .forms import PartnerFilterForm


class ClientRateThrottle(AnonRateThrottle):
    """At most API_RATE_LIMIT requests per client address.

    The rate is read on each request, so that it follows the settings (and tests can change it).
    """

    def __init__(self):
        super().__init__(rate=settings.API_RATE_LIMIT)

    def allow_request(self, request):
        self.rate = settings.API_RATE_LIMIT
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


api = NinjaAPI(
    title="Japan–Balkan Network API",
    version="1",
    description=(
        "Read-only: the news, country profiles (with trade figures and embassies), chronology and "
        "partner organisations the site shows, in English or Japanese (`?lang=ja`). Lists are paged by "
        "cursor: follow `next`. Responses carry an ETag (send If-None-Match for a 304). Requests are "
        "limited per client address; over the limit the answer is 429 with Retry-After."
    ),
    urls_namespace="api",
    docs_url="/docs/",
    openapi_url="/openapi.json",
    throttle=[ClientRateThrottle()],
)

NEWS_ORDER = Keyset("news", (("-publish_at", "datetime"), ("-pk", "int")))
COUNTRY_ORDER = Keyset("countries", (("slug", "str"),))
CHRONOLOGY_ORDER = Keyset("chronology", (("date", "date"), ("pk", "int")))
PARTNER_ORDER = Keyset("partners", (("slug", "str"),))


class BadParameter(Exception):
    """A query parameter the API cannot answer: a 400 naming it."""

    def __init__(self, errors):
        self.errors = errors  # [(parameter, message)]
        super().__init__(errors)


def _bad_request(request, errors):
    # Also for parameters refused before the endpoint ran: in the language asked for, if it is one.
    lang = request.GET.get("lang")
    with translation.override(lang if lang in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE):
        detail = _("Some query parameters are not valid: %(names)s.") % {
            "names": ", ".join(dict.fromkeys(name for name, _message in errors))
        }
    body = {"detail": detail, "errors": [{"parameter": name, "message": text} for name, text in errors]}
    return api.create_response(request, body, status=400)


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc):
    """Answer 400 (not ninja's 422) naming each parameter that did not validate."""
    errors = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "params")]
        errors.append((location[0] if location else "", error.get("msg", "")))
    return _bad_request(request, errors)


@api.exception_handler(BadParameter)
def bad_parameter(request, exc):
    return _bad_request(request, exc.errors)


@contextmanager
def answering(lang, response):
    """Write the answer in `lang` (not the reader's browser language: the address says which)."""
    with translation.override(lang):
        yield
    response["Content-Language"] = lang


def filters_from(form_class, request):
    """Return the filters of a public list's form, validated as that list validates them."""
    try:
        return form_class(request.GET).validated()
    except BadFilter as error:
        raise BadParameter(
            [(name, message) for name, messages in error.form.errors.items() for message in messages]
        ) from None


def page_of(keyset, rows, params, request, response):
    """Return the rows of the page at `params.cursor` and the address of the next page (or None)."""
    try:
        found, cursor = keyset.page(rows, params.cursor, params.limit)
    except BadCursor:
        raise BadParameter([("cursor", _("This cursor was not given out by this list."))]) from None
    next_url = None
    if cursor is not None:
        query = request.GET.copy()
        query["cursor"] = cursor
        next_url = absolute(request.path) + "?" + query.urlencode()
        response["Link"] = f'<{next_url}>; rel="next"'
    return found, next_url


# What each kind of record looks like.


def image(file, width, height, alt="", credit="", caption=""):
    found = picture(file, width, height)
    if found is None:
        return None
    renditions = [
        {"url": absolute(url), "width": int(size.rstrip("w")), "type": source.type}
        for source in [*found.sources, _Jpeg(found.srcset)]
        for url, size in (part.rsplit(" ", 1) for part in source.srcset.split(", ") if part)
    ]
    return {
        "url": absolute(found.src),
        "width": found.width or None,
        "height": found.height or None,
        "alt": alt,
        "credit": credit,
        "caption": caption,
        "renditions": renditions,
    }


class _Jpeg:
    type = "image/jpeg"

    def __init__(self, srcset):
        self.srcset = srcset


def country_link(country):
    url = absolute(country.get_absolute_url()) if country.is_published else None
    return {"slug": country.slug, "name": country.name, "url": url}


def country_data(country):
    return {
        "slug": country.slug,
        "iso_code": country.iso_code,
        "name": country.name,
        "official_name": country.official_name,
        "url": absolute(country.get_absolute_url()),
        "flag": absolute(country.flag_url),
        "capital": country.capital,
        "population": country.population,
        "area_km2": country.area_km2,
        "official_languages": country.official_languages,
        "currency": country.currency,
        "relations_established": {
            "date": partial_date_text(country.relations_established, country.relations_established_precision)
            or None,
            "text": country.relations_established_display or "",
        },
        "summary": country.summary,
        "image": image(
            country.hero_image, country.hero_width, country.hero_height, country.hero_alt, country.hero_credit
        ),
        "updated_at": country.updated_at,
        "trade_figures": [
            {
                "year": figure.year,
                "exports_to_japan": figure.exports_to_japan,
                "imports_from_japan": figure.imports_from_japan,
                "currency": figure.currency,
                "source": figure.source,
                "source_url": figure.source_url,
            }
            for figure in country.trade_figures.all()
        ],
        "embassies": [
            {
                "kind": embassy.kind,
                "name": embassy.name,
                "address": embassy.address,
                "phone": embassy.phone,
                "website": embassy.website,
                "map_url": embassy.map_link,
            }
            for embassy in country.embassies.all()
        ],
    }


def news_data(item):
    return {
        "slug": item.slug,
        "title": item.title,
        "summary": item.summary,
        "kind": item.kind,
        "kind_label": item.get_kind_display(),
        "url": absolute(item.get_absolute_url()),
        "publish_at": item.publish_at,
        "is_featured": item.is_featured,
        "image": image(
            item.hero_image,
            item.hero_width,
            item.hero_height,
            item.hero_text_alternative,
            item.hero_credit,
            item.hero_caption,
        ),
        "countries": [country_link(country) for country in item.countries.all()],
        "tags": [tag.slug for tag in item.tags.all()],
        "event_start": item.event_start,
        "event_end": item.event_end,
        "venue": item.venue,
        "city": item.city,
    }


def partner_data(partner):
    return {
        "slug": partner.slug,
        "name": partner.name,
        "kind": partner.kind,
        "kind_label": partner.get_kind_display(),
        "url": absolute(partner.get_absolute_url()),
        "country": country_link(partner.country) if partner.country else None,
        "logo": image(
            partner.logo,
            partner.logo_width,
            partner.logo_height,
            _("Logo of %(name)s") % {"name": partner.name},
        ),
        "website": partner.website,
        "description": partner.description,
        "address": partner.address,
        "is_official_partner": partner.is_official_partner,
    }


def entry_data(entry):
    return {
        "ref": entry.ref,
        "title": entry.title,
        "url": absolute(entry.get_absolute_url()),
        "date": entry.date_iso,
        "end_date": partial_date_text(entry.end_date, entry.end_date_precision) if entry.end_date else None,
        "circa": entry.circa,
        "date_text": entry.date_display,
        "description": entry.description,
        "category": {"key": entry.category.key, "name": entry.category.name},
        "countries": [country_link(country) for country in entry.countries.all()],
        "source_name": entry.source_name,
        "source_url": entry.source_url,
        "related_news": [
            {"slug": story.slug, "title": story.title, "url": absolute(story.get_absolute_url())}
            for story in entry.public_related_news()
        ],
    }


def public_countries():
    return Prefetch("countries", queryset=Country.objects.published().order_by("slug"))


# The endpoints. Their url_name is what api/urls.py declares to the page cache.


@api.get("/news/", response=schemas.NewsPage, url_name="news-list", tags=["news"])
def news_list(request, response: HttpResponse, params: Query[schemas.NewsParams]):
    """Published news, newest first, filtered as /news/ is."""
    with answering(params.lang, response):
        filters = filters_from(NewsFilterForm, request)
        items = NewsItem.objects.published().prefetch_related(public_countries(), "tags").filtered(filters)
        found, next_url = page_of(NEWS_ORDER, items, params, request, response)
        return {"items": [news_data(item) for item in found], "next": next_url}


@api.get(
    "/news/{slug}/",
    response={200: schemas.NewsItemDetail, 404: schemas.Error},
    url_name="news-detail",
    tags=["news"],
)
def news_detail(request, response: HttpResponse, slug: str, params: Query[schemas.Common]):
    """One published story, with its body, gallery and partners."""
    with answering(params.lang, response):
        item = get_object_or_404(
            NewsItem.objects.published().prefetch_related(
                public_countries(),
                "tags",
                "images",
                Prefetch("partners", queryset=PartnerOrganisation.objects.published().order_by("slug")),
            ),
            slug=slug,
        )
        return {
            **news_data(item),
            "body": item.body,
            "gallery": [
                image(photo.image, photo.width, photo.height, "" if photo.decorative else photo.alt)
                | {"credit": photo.credit, "caption": photo.caption}
                for photo in item.images.all()
                if photo.image
            ],
            "partners": [
                {"slug": partner.slug, "name": partner.name, "url": absolute(partner.get_absolute_url())}
                for partner in item.partners.all()
            ],
            "source_name": item.source_name,
            "source_url": item.source_url,
        }


def _countries():
    return Country.objects.published().prefetch_related("trade_figures", "embassies")


@api.get("/countries/", response=schemas.CountryPage, url_name="country-list", tags=["countries"])
def country_list(request, response: HttpResponse, params: Query[schemas.ListParams]):
    """The country profiles, by slug, with their trade figures and embassies."""
    with answering(params.lang, response):
        found, next_url = page_of(COUNTRY_ORDER, _countries(), params, request, response)
        # Trade figures and embassies refresh their own country only (see countries/signals.py).
        depends_on(request, *g.COUNTRY.many(country.slug for country in found))
        return {"items": [country_data(country) for country in found], "next": next_url}


@api.get(
    "/countries/{slug}/",
    response={200: schemas.CountryDetail, 404: schemas.Error},
    url_name="country-detail",
    tags=["countries"],
)
def country_detail(request, response: HttpResponse, slug: str, params: Query[schemas.Common]):
    """One country profile, with its overview."""
    with answering(params.lang, response):
        country = get_object_or_404(_countries(), slug=slug)
        return {**country_data(country), "overview": country.overview}


@api.get("/chronology/", response=schemas.ChronologyPage, url_name="chronology-list", tags=["chronology"])
def chronology_list(request, response: HttpResponse, params: Query[schemas.ChronologyParams]):
    """The chronology, oldest first, filtered as /chronology/ is (`from` and `to` are years)."""
    with answering(params.lang, response):
        filters = filters_from(ChronologyFilterForm, request)
        entries = (
            ChronologyEntry.objects.published()
            .select_related("category")
            .prefetch_related(public_countries(), "related_news")
        )
        found, next_url = page_of(CHRONOLOGY_ORDER, entries.filtered(filters), params, request, response)
        return {"items": [entry_data(entry) for entry in found], "next": next_url}


def _partners():
    return PartnerOrganisation.objects.published().select_related("country")


@api.get("/partners/", response=schemas.PartnerPage, url_name="partner-list", tags=["partners"])
def partner_list(request, response: HttpResponse, params: Query[schemas.PartnerParams]):
    """The partner organisations, by slug; `?country=` gives those of one country."""
    with answering(params.lang, response):
        filters = filters_from(PartnerFilterForm, request)
        partners = _partners()
        if "country" in filters:
            partners = partners.filter(country=filters["country"])
        found, next_url = page_of(PARTNER_ORDER, partners, params, request, response)
        return {"items": [partner_data(partner) for partner in found], "next": next_url}


@api.get(
    "/partners/{slug}/",
    response={200: schemas.Partner, 404: schemas.Error},
    url_name="partner-detail",
    tags=["partners"],
)
def partner_detail(request, response: HttpResponse, slug: str, params: Query[schemas.Common]):
    """One partner organisation."""
    with answering(params.lang, response):
        return partner_data(get_object_or_404(_partners(), slug=slug))
