"""Structured data (JSON-LD, schema.org) about a country profile, for search engines.

Plain functions returning dicts; templates serialise them with the `json_ld`
filter, never by hand.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _


def profile_graph(country, *, page_url, home_url, list_url, image_url, flag_url=""):
    """Return the JSON-LD graph of a profile: the WebPage, the Country it is about, its breadcrumbs."""
    site_name = _("Japan–Balkan Network")
    page_id, country_id, breadcrumb_id = (
        f"{page_url}#webpage",
        f"{page_url}#country",
        f"{page_url}#breadcrumb",
    )
    other_names = []
    for name in [country.official_name, *_names_in_other_languages(country)]:
        if name and name != country.name and name not in other_names:
            other_names.append(name)
    place = {
        "@type": "Country",
        "@id": country_id,
        "name": country.name,
        "identifier": country.iso_code,
        "url": page_url,
    }
    if other_names:
        place["alternateName"] = other_names
    if country.summary:
        place["description"] = country.summary
    if flag_url:
        place["image"] = flag_url
    page = {
        "@type": "WebPage",
        "@id": page_id,
        "url": page_url,
        "name": f"{country.name} · {site_name}",
        "inLanguage": translation.get_language(),
        "isPartOf": {"@type": "WebSite", "@id": f"{home_url}#website", "name": site_name, "url": home_url},
        "about": {"@id": country_id},
        "primaryImageOfPage": {"@type": "ImageObject", "url": image_url, "width": 1200, "height": 630},
        "breadcrumb": {"@id": breadcrumb_id},
        # Whole seconds: what readers need, and it survives a backup round trip.
        "dateModified": country.updated_at.isoformat(timespec="seconds"),
    }
    if country.summary:
        page["description"] = country.summary
    crumbs = [(_("Home"), home_url), (_("Countries"), list_url), (country.name, page_url)]
    breadcrumbs = {
        "@type": "BreadcrumbList",
        "@id": breadcrumb_id,
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }
    return {"@context": "https://schema.org", "@graph": [page, place, breadcrumbs]}


def _names_in_other_languages(country):
    current = translation.get_language()
    for code, _name in settings.LANGUAGES:
        if code != current:
            with translation.override(code):
                yield country.name
