"""The site as an oEmbed provider (https://oembed.com, version 1.0).

`/oembed?url=<a profile's or a story's address>&format=json` answers what a CMS
or a chat tool needs to show the page inline: for a country profile its card
(the embed, in an <iframe>), for a story a quotation of it with its picture.
Pages link here (`<link rel="alternate" type="application/json+oembed">`), so
tools that discover oEmbed find it from the address alone. Answers are cached
pages like any other, refreshed when the country or story changes.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _

from core.linked_data import absolute
from countries.models import Country
from countries.views import EMBED_HEIGHT, EMBED_WIDTH, embed_snippet
from news.models import NewsItem
from pagecache import generations as g
from pagecache.views import cached_page, depends_on

MIN_WIDTH = 240  # the narrowest the card reflows to
STORY_WIDTH, STORY_HEIGHT = 600, 420
CARD_SIZE = (1200, 630)
CACHE_AGE = 3600


class BadRequest(Exception):
    pass


def _dimension(request, name):
    value = request.GET.get(name, "")
    if not value:
        return None
    if not value.isdigit() or not 0 < int(value) < 100_000:
        raise BadRequest(f"{name} must be a positive whole number of pixels.")
    return int(value)


def _page_of(url):
    """Return (language, url name, slug) of an address on this site, or raise Http404."""
    site, page = urlsplit(settings.SITE_URL), urlsplit(url)
    if (page.scheme, page.netloc) != (site.scheme, site.netloc) or not page.path:
        raise Http404("Not an address on this site.")
    language = translation.get_language_from_path(page.path) or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            match = resolve(page.path)
        except Resolver404:
            raise Http404("No such page.") from None
    return language, match.view_name, match.kwargs.get("slug", "")


def _fits(width, height, maxwidth, maxheight):
    """Return (width, height) within the reader's limits, or None if the content cannot fit them."""
    if maxheight is not None and maxheight < height:
        return None
    if maxwidth is not None:
        if maxwidth < MIN_WIDTH:
            return None
        width = min(width, maxwidth)
    return width, height


def _country(request, slug):
    country = Country.objects.published().filter(slug=slug).first() or Country.from_old_slug(slug)
    if country is None or not country.is_published:
        raise Http404("No such country.")
    depends_on(request, g.COUNTRY(country.slug))
    return {
        "title": f"{country.name} · {_('Japan–Balkan Network')}",
        "html": embed_snippet(country),
        "size": (EMBED_WIDTH, EMBED_HEIGHT),
        "thumbnail": country.get_card_url(),
    }


def _story(request, slug):
    published = NewsItem.objects.published()
    item = published.filter(slug=slug).first()
    if item is None:  # an old address: the story it led to, if that is public
        moved = NewsItem.from_old_slug(slug)
        item = moved if moved is not None and published.filter(pk=moved.pk).exists() else None
    if item is None:
        raise Http404("No such story.")
    depends_on(request, g.NEWS_ITEM(item.slug))
    url = absolute(item.get_absolute_url())
    card = absolute(reverse("news:card", args=[item.slug]))
    html = format_html(
        '<blockquote class="balkan-story" cite="{url}" style="margin:0;max-width:{width}px">'
        '<p><a href="{url}"><img src="{card}" alt="" width="{width}" height="315" style="max-width:100%;height:auto"></a></p>'
        '<p><strong><a href="{url}">{title}</a></strong></p>{summary}'
        "<p><small>{site} · {date}</small></p></blockquote>",
        url=url,
        card=card,
        width=STORY_WIDTH,
        title=item.title,
        summary=format_html("<p>{}</p>", item.summary) if item.summary else "",
        site=_("Japan–Balkan Network"),
        date=item.publish_at.date().isoformat(),
    )
    return {
        "title": item.title,
        "html": html,
        "size": (STORY_WIDTH, STORY_HEIGHT),
        "thumbnail": reverse("news:card", args=[item.slug]),
    }


KINDS = {
    "countries:detail": _country,
    "countries:embed": _country,
    "news:detail": _story,
}


@cached_page(g.COUNTRIES, g.NEWS, params=("url", "format", "maxwidth", "maxheight"))
def oembed(request):
    """Answer an oEmbed request for a profile or a story (JSON; XML is not offered: 501, as the spec says)."""
    if request.GET.get("format", "json") != "json":
        return HttpResponse("Only format=json is offered.", status=501, content_type="text/plain")
    try:
        maxwidth, maxheight = _dimension(request, "maxwidth"), _dimension(request, "maxheight")
    except BadRequest as error:
        return HttpResponse(str(error), status=400, content_type="text/plain")
    url = request.GET.get("url", "")
    if not url:
        return HttpResponse("Give the address of a page: ?url=…", status=400, content_type="text/plain")
    language, view_name, slug = _page_of(url)
    if view_name not in KINDS:
        raise Http404("This page has no embeddable form.")
    with translation.override(language):
        found = KINDS[view_name](request, slug)
        size = _fits(*found["size"], maxwidth, maxheight)
        if size is None:
            raise Http404("The page cannot be shown within maxwidth and maxheight.")
        answer = {
            "version": "1.0",
            "type": "rich",
            "title": found["title"],
            "provider_name": _("Japan–Balkan Network"),
            "provider_url": absolute(reverse("balkan:home")),
            "html": str(found["html"]),
            "width": size[0],
            "height": size[1],
            "cache_age": CACHE_AGE,
        }
        if maxwidth is None or maxwidth >= CARD_SIZE[0]:
            answer.update(
                thumbnail_url=absolute(found["thumbnail"]),
                thumbnail_width=CARD_SIZE[0],
                thumbnail_height=CARD_SIZE[1],
            )
    response = JsonResponse(answer, json_dumps_params={"ensure_ascii": False})
    # Consumers in a browser may ask for it too: it is public, and carries nothing personal.
    response["Access-Control-Allow-Origin"] = "*"
    return response
