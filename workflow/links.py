"""Every external address the site prints, checked: embassy and partner websites, and sources.

`manage.py check_links` (run daily by cron or a systemd timer: see the README)
asks each address once, with a HEAD (a GET when the server refuses HEAD),
follows at most MAX_REDIRECTS redirects, waits at most LINK_CHECK_TIMEOUT
seconds, and records the answer in `LinkCheck`, with the admin pages where the
address is used. The admin's front page lists the addresses that failed
(`workflow.dashboard.broken_links`); an address no longer used is forgotten.
"""

import http.client
import socket
import ssl
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from chronology.models import ChronologyEntry
from countries.models import Embassy, TradeFigure
from news.models import NewsItem
from partners.models import PartnerOrganisation

from .models import LinkCheck

MAX_REDIRECTS = 5
THREADS = 8
USER_AGENT = "JapanBalkanNetwork-LinkCheck/1.0 (+https://balkan.example/)"
# (model, field, the record whose admin page edits it)
PLACES = (
    (Embassy, "website", lambda embassy: embassy.country),
    (PartnerOrganisation, "website", lambda partner: partner),
    (NewsItem, "source_url", lambda item: item),
    (ChronologyEntry, "source_url", lambda entry: entry),
    (TradeFigure, "source_url", lambda figure: figure.country),
)


def addresses():
    """Return {address: [[model label, pk, name, admin address], ...]} for every external address printed."""
    found = {}
    for model, name, owner_of in PLACES:
        records = model._default_manager.exclude(**{name: ""})
        if model in (Embassy, TradeFigure):
            records = records.select_related("country")
        for record in records.order_by("pk"):
            owner = owner_of(record)
            opts = owner._meta
            place = [
                opts.label_lower,
                owner.pk,
                str(owner),
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[owner.pk]),
            ]
            places = found.setdefault(getattr(record, name), [])
            if place not in places:
                places.append(place)
    return found


def where(check):
    """Return [(label, admin address)] of the pages where `check`'s address is used, in the active language."""
    shown = []
    for label, _pk, name, url in check.places:
        verbose_name = str(apps.get_model(label)._meta.verbose_name)
        shown.append((f"{verbose_name[:1].upper()}{verbose_name[1:]}: {name}", url))
    return shown


def explain(check):
    """Return what went wrong with `check`'s address (a LinkCheck or an Answer), in the active language."""
    code, _sep, detail = (check.problem or "").partition(":")
    if code == "status":
        return _("Answers %(status)s.") % {"status": check.status}
    if code == "loop":
        return _("Redirects in a loop or more than %(count)s times.") % {"count": MAX_REDIRECTS}
    if code == "timeout":
        return _("No answer within %(seconds)s seconds.") % {"seconds": settings.LINK_CHECK_TIMEOUT}
    if code == "no-name":
        return _("Cannot be reached: no site has this name.")
    if code == "refused":
        return _("Cannot be reached: the server refused the connection.")
    if code == "certificate":
        return _("Cannot be reached: its security certificate is not valid.")
    if code == "other":
        return _("Cannot be reached: %(reason)s.") % {"reason": detail}
    return ""


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = 1  # the same address twice is a loop


@dataclass
class Answer:
    ok: bool
    status: int | None = None
    problem: str = ""  # a code that `explain()` puts into words when it is read


def _ask(url, method):
    opener = urllib.request.build_opener(_Redirects)
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    with opener.open(request, timeout=settings.LINK_CHECK_TIMEOUT) as response:
        return response.status


def _unreachable(reason):
    if isinstance(reason, TimeoutError):
        return Answer(False, None, "timeout")
    if isinstance(reason, socket.gaierror):
        return Answer(False, None, "no-name")
    if isinstance(reason, ConnectionRefusedError):
        return Answer(False, None, "refused")
    if isinstance(reason, ssl.SSLError | ssl.CertificateError):
        return Answer(False, None, "certificate")
    return Answer(False, None, f"other:{reason}"[:300])


def check(url):
    """Return how `url` answers: ok for a 2xx (after redirects), else the status or what went wrong."""
    try:
        try:
            status = _ask(url, "HEAD")
        except urllib.error.HTTPError as error:
            if error.code not in (403, 405, 501):
                raise
            status = _ask(url, "GET")  # some servers refuse HEAD but answer GET
    except urllib.error.HTTPError as error:
        return Answer(False, error.code, "loop" if 300 <= error.code < 400 else "status")
    except urllib.error.URLError as error:
        return _unreachable(error.reason)
    except (http.client.HTTPException, OSError, ValueError) as error:
        return _unreachable(error)
    if 200 <= status < 300:
        return Answer(True, status)
    return Answer(False, status, "status")


def check_all():
    """Check every address the site prints; record the answers; return (addresses, broken)."""
    found = addresses()
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        answers = dict(zip(found, pool.map(check, found), strict=True))
    now = timezone.now()
    with transaction.atomic():
        LinkCheck.objects.exclude(url__in=list(found)).delete()
        for url, answer in answers.items():
            LinkCheck.objects.update_or_create(
                url=url,
                defaults={
                    "ok": answer.ok,
                    "status": answer.status,
                    "problem": answer.problem,
                    "places": found[url],
                    "checked_at": now,
                },
            )
    return len(found), sum(1 for answer in answers.values() if not answer.ok)
