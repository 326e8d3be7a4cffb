"""Structured data (JSON-LD, schema.org) shared by every page type: the network as publisher.

Plain functions returning dicts; templates serialise them with the `json_ld`
filter, never by hand. Every address in them is absolute, built from SITE_URL.
"""

from django.conf import settings
from django.templatetags.static import static
from django.utils.translation import gettext as _

# The mark's drawn size (static/img/mark.svg); Google wants a publisher logo of 112 px or more.
LOGO_SIZE = 512


def absolute(path):
    """Return `path` (an address on this site) made absolute against SITE_URL; empty stays empty."""
    if not path or path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL + path


def publisher(home_url):
    """Return the network as a schema.org Organization, with its logo."""
    return {
        "@type": "Organization",
        "@id": f"{home_url}#organization",
        "name": _("Japan–Balkan Network"),
        "url": home_url,
        "logo": {
            "@type": "ImageObject",
            "url": absolute(static("img/mark.svg")),
            "width": LOGO_SIZE,
            "height": LOGO_SIZE,
        },
    }


def image(url, width, height):
    return {"@type": "ImageObject", "url": url, "width": width, "height": height}
