"""The edge cache in front of the app servers (Varnish with xkey, or a CDN with cache tags).

Every cacheable page names its generations in `Surrogate-Key` (Varnish's
`deploy/varnish/default.vcl` reads them as xkeys); a change purges those names
at EDGE_PURGE_URL, one request per URL listed there. Without EDGE_PURGE_URL
nothing is sent and the edge, if any, keeps pages for their s-maxage.
"""

import logging
import urllib.error
import urllib.request

from django.conf import settings

SURROGATE_KEY_HEADER = "Surrogate-Key"
PURGE_HEADER = "xkey-purge"
logger = logging.getLogger(__name__)


def surrogate_keys(names):
    """Return the Surrogate-Key header value for generations `names`."""
    return " ".join(sorted(names))


def purge(names):
    """Purge every page tagged with one of `names` from each edge cache; return False if one failed."""
    if not settings.EDGE_PURGE_URLS or not names:
        return True
    ok = True
    for url in settings.EDGE_PURGE_URLS:
        request = urllib.request.Request(url, method="PURGE", headers={PURGE_HEADER: surrogate_keys(names)})
        try:
            with urllib.request.urlopen(request, timeout=settings.EDGE_PURGE_TIMEOUT) as response:
                response.read()
        except (OSError, urllib.error.URLError) as error:
            logger.warning("The edge cache at %s did not purge (%s); it will be asked again", url, error)
            ok = False
    return ok
