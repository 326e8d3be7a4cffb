"""Time the news admin in this process, as an editor with a two-factor-verified session: `make bench`.

The staff pages are not loaded with wrk (each needs a session, and one editor
at a time is how they are used): the Django test client asks each page of the
news admin, against the database this process is pointed at, once to warm it,
once more counting its queries, then `requests` times, and keeps the median.
The pages are those tests/performance/test_admin_at_scale.py bounds: the list
plain, with each filter, searched, drilled down by date, and a story's form;
and, for reference, the three that read every story however few they show
(ADMIN_READS_EVERY_STORY).
"""

import time
from statistics import median

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from news.models import NewsItem
from workflow.roles import EDITORS

from .report import ADMIN_READS_EVERY_STORY

USERNAME = "bench-editor"
# The story whose dates the list is drilled down to and whose form is opened: there at every size.
STORY = "bench-500"


def admin_pages(story=STORY):
    """Return [(label, path)] of the news admin pages to time, drilled down to `story`'s dates (a slug)."""
    listing = reverse("admin:news_newsitem_changelist")
    story = NewsItem.objects.get(slug=story)
    day = timezone.localtime(story.publish_at)
    drill = f"{listing}?publish_at__year={day.year}"
    return [
        ("news list", listing),
        ("news list, drafts", f"{listing}?state=draft"),
        ("news list, published", f"{listing}?state=published"),
        ("news list, a kind", f"{listing}?kind__exact=visit"),
        ("news list, featured", f"{listing}?is_featured__exact=1"),
        ("news list, a country", f"{listing}?country=slovenia"),
        ("news list, a word in every story", f"{listing}?q=cooperation"),
        ("news list, a rare word", f"{listing}?q=earthquake"),
        ("news list, a Japanese word in every story", f"{listing}?q=%E5%8D%94%E5%8A%9B%E3%82%92"),
        ("news list, a rare Japanese word", f"{listing}?q=%E5%9C%B0%E9%9C%87%E8%A8%93%E7%B7%B4"),
        ("news list, a year", drill),
        ("news list, a month", f"{drill}&publish_at__month={day.month}"),
        ("news list, a day", f"{drill}&publish_at__month={day.month}&publish_at__day={day.day}"),
        ("a story's form", reverse("admin:news_newsitem_change", args=[story.pk])),
        (ADMIN_READS_EVERY_STORY + "news list, about no country", f"{listing}?country=none"),
        (
            ADMIN_READS_EVERY_STORY + "news list, a Japanese word of two letters",
            f"{listing}?q=%E5%9C%B0%E9%9C%87",
        ),
        (ADMIN_READS_EVERY_STORY + "news list with the counts beside the filters", f"{listing}?_facets=True"),
    ]


def editor_client():
    """Return a test client signed in as the bench's editor, with a session verified by their authenticator."""
    editor, _created = get_user_model().objects.get_or_create(
        username=USERNAME, defaults={"is_staff": True, "email": "bench-editor@example.com"}
    )
    editor.groups.add(Group.objects.get(name=EDITORS))
    device, _created = TOTPDevice.objects.get_or_create(
        user=editor, name="bench", defaults={"confirmed": True}
    )
    client = Client(HTTP_HOST="testserver")
    client.force_login(editor)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = (
        device.persistent_id
    )  # as a login with the authenticator's code leaves it
    session.save()
    return client


def time_admin(requests=20, story=STORY):
    """Return {label: (path, median ms, queries)} for each of admin_pages(story), asked `requests` times each."""
    with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
        client = editor_client()
        timings = {}
        for label, path in admin_pages(story):
            response = client.get(path, secure=True)  # to warm it (and a story's form is opened again)
            if response.status_code != 200:
                raise CommandError(f"The admin answered {path} with {response.status_code}, not 200.")
            with CaptureQueriesContext(connection) as queries:
                client.get(path, secure=True)
            count = len(queries)  # (the next request empties the log)
            took = []
            for _ in range(requests):
                started = time.perf_counter()
                client.get(path, secure=True)
                took.append((time.perf_counter() - started) * 1000)
            timings[label] = (path, median(took), count)
    return timings
