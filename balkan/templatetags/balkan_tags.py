"""Template helpers shared by every app's pages."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from balkan.richtext import sanitize

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


@register.simple_tag(takes_context=True)
def absolute_url_in_language(context, language):
    """Return this page's absolute canonical URL in `language` (no query string)."""
    request = context["request"]
    return settings.SITE_URL + translate_url(request.path, language)


@register.simple_tag
def absolute(url):
    """Return `url` made absolute against SITE_URL."""
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL + url


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


@register.filter
def page_range(page_obj):
    """Return the page numbers to link, with Paginator.ELLIPSIS standing for the gaps."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """Return the link to page `number` of this list, filters kept; page 1 has no `page` parameter."""
    return query_with(context, page=None if number == 1 else number)
