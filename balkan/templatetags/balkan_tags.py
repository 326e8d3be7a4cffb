"""Template helpers shared by every app's pages."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse, translate_url
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import to_locale
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order

from core import linked_data
from core.richtext import sanitize

register = template.Library()


@register.filter
def richtext(value):
    """Show stored rich text; it is sanitised again here, so no path can skip nh3."""
    return mark_safe(sanitize(value))


@register.simple_tag(takes_context=True)
def url_in_language(context, language):
    """Return this page's path in `language` (query string kept)."""
    request = context["request"]
    return translate_url(request.get_full_path(), language)


def canonical_query(context):
    """Return the query string that names this page's content: its filters and page number.

    Tracking parameters and anything a view did not validate are left out;
    page 1 is the page without `?page`. Views name further parameters (the
    search's `q`) in the context as `canonical_params`.
    """
    request = context["request"]
    keys = set(context.get("filters") or ()) | set(context.get("canonical_params") or ())
    params = [(key, value) for key in sorted(keys) for value in request.GET.getlist(key) if value]
    page_obj = context.get("page_obj")
    if page_obj is not None and page_obj.number > 1:
        params.append(("page", page_obj.number))
    return "?" + urlencode(params) if params else ""


@register.simple_tag(takes_context=True)
def absolute_url_in_language(context, language):
    """Return this page's absolute canonical URL in `language` (filters and page number kept)."""
    request = context["request"]
    return settings.SITE_URL + translate_url(request.path, language) + canonical_query(context)


@register.simple_tag
def absolute(url):
    """Return `url` made absolute against SITE_URL."""
    return linked_data.absolute(url)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """Return the current query string with `changes` applied (for pagination)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(sorted(params.lists()), doseq=True) if params else "?"


# As json_script does: no text in the data can close the <script> element.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """Return `data` (dicts and lists) as a JSON-LD <script> element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


# Open Graph wants a territory; Django's language codes may not carry one.
_OG_LOCALES = {"en": "en_GB", "ja": "ja_JP"}


@register.filter
def og_locale(language_code):
    """Return the Open Graph locale of a language code: "ja" → "ja_JP"."""
    return _OG_LOCALES.get(language_code, to_locale(language_code))


@register.simple_tag
def fallback_lang(obj, field):
    """Return ` lang="en"` when `obj`'s `field` shows English in place of a missing translation.

    Use it on the element showing the field, so that screen readers switch
    voice: `<h1{% fallback_lang page "title" %}>{{ page.title }}</h1>`.
    """
    current = get_language()
    for language in resolution_order(current):
        value = getattr(obj, build_localized_fieldname(field, language), None)
        if value not in (None, ""):
            return "" if language == current else format_html(' lang="{}"', language)
    return ""


@register.filter
def page_range(page_obj):
    """Return the page numbers to link, with Paginator.ELLIPSIS standing for the gaps."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """Return the link to page `number` of this list, filters kept; page 1 has no `page` parameter."""
    return query_with(context, page=None if number == 1 else number)


@register.simple_tag
def oembed_link(page_url, title):
    """Return the oEmbed discovery <link> of the page at `page_url` (absolute), for tools that embed it."""
    href = (
        settings.SITE_URL + reverse("service:oembed") + "?" + urlencode({"url": page_url, "format": "json"})
    )
    return format_html(
        '<link rel="alternate" type="application/json+oembed" href="{}" title="{}">', href, title
    )
