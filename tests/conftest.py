"""Fixtures shared by every test: media in a temporary folder, a clean cache, factories."""

import datetime
import shutil
import uuid

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Permission
from django.core.cache import caches
from django.test.signals import template_rendered
from django.utils import timezone, translation
from django_redis.cache import RedisCache
from model_bakery import baker

from pagecache.store import forget_near_cache
from tests.helpers.caches import clear_caches
from tests.helpers.demo import Snapshot, load_demo
from tests.helpers.mail import mail_port  # noqa: F401 - a fixture for every test
from tests.helpers.users import staff_in


@pytest.fixture(autouse=True, scope="session")
def _cache_clear_stays_in_this_worker():
    """On Redis, clear() empties the whole database: the other worker's pages and its schedule too.

    Tests run two workers against one Redis database; a test that clears "the
    cache" must clear only its own worker's keys (this once made another worker's
    unrelated pages go stale in the middle of an invalidation test).
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(RedisCache, "clear", lambda cache: cache.delete_pattern("*"))
        yield


@pytest.fixture(autouse=True)
def _media_and_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    clear_caches()
    yield
    clear_caches()


@pytest.fixture(autouse=True)
def _english_by_default():
    # A request to /ja/... leaves Japanese active in the thread, and factories
    # would then fill the `_ja` fields of the next test's objects.
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def make_country(db):
    def make(**kwargs):
        defaults = {"is_published": True, "name": "Slovenia", "summary": "A country on the Adriatic."}
        defaults.update(kwargs)
        defaults.setdefault("slug", defaults["name"].lower().replace(" ", "-"))
        defaults.setdefault("iso_code", defaults["slug"][:2].upper())
        return baker.make("countries.Country", **defaults)

    return make


@pytest.fixture
def make_news(db):
    counter = iter(range(1, 100_000))

    def make(**kwargs):
        number = next(counter)
        defaults = {
            "title": f"Story {number}",
            "slug": f"story-{number}",
            "summary": f"Summary of story {number}.",
            "body": "<p>Body.</p>",
            "status": "published",
            "publish_at": timezone.now() - datetime.timedelta(hours=number),
        }
        defaults.update(kwargs)
        return baker.make("news.NewsItem", **defaults)

    return make


@pytest.fixture
def make_category(db):
    def make(key="visit", **kwargs):
        from chronology.models import Category

        return Category.objects.get_or_create(key=key, defaults={"name": key.title(), **kwargs})[0]

    return make


@pytest.fixture
def make_entry(db, make_category):
    counter = iter(range(1, 100_000))

    def make(**kwargs):
        number = next(counter)
        defaults = {
            "ref": f"entry-{number}",
            "title": f"Entry {number}",
            "date": datetime.date(2000, 1, 1) + datetime.timedelta(days=number),
            "date_precision": "day",
            "category": make_category(),
            "is_published": True,
        }
        defaults.update(kwargs)
        return baker.make("chronology.ChronologyEntry", **defaults)

    return make


@pytest.fixture
def make_partner(db):
    counter = iter(range(1, 100_000))

    def make(**kwargs):
        number = next(counter)
        defaults = {
            "name": f"Partner {number}",
            "slug": f"partner-{number}",
            "kind": "ngo",
            "is_published": True,
        }
        defaults.update(kwargs)
        return baker.make("partners.PartnerOrganisation", **defaults)

    return make


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker):
    """What load_demo adds to an empty site, made once per test process (tests/helpers/demo.py)."""
    with django_db_blocker.unblock():
        snapshot = Snapshot()
    yield snapshot
    shutil.rmtree(snapshot.media, ignore_errors=True)


@pytest.fixture
def demo(demo_snapshot, db):
    """The demo site (load_demo), as a visitor to a fresh installation sees it."""
    load_demo(demo_snapshot)


@pytest.fixture
def site_url(settings):
    """The site's public address is https://balkan.example (structured data and oEmbed print it whole)."""
    from tests.helpers.linked_data import SITE_URL

    settings.SITE_URL = SITE_URL
    return SITE_URL


@pytest.fixture
def make_story_document(db):
    """Attach a document (a real 12-page PDF unless `content` says otherwise) to a story."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from news.models import StoryDocument
    from tests.helpers.documents import pdf_bytes

    def make(item, name="report.pdf", content=None, **kwargs):
        upload = SimpleUploadedFile(name, pdf_bytes(pages=12) if content is None else content)
        return StoryDocument.objects.create(news_item=item, file=upload, **{"title": "Report", **kwargs})

    return make


@pytest.fixture
def make_profile_document(db):
    """Attach a document (a real 12-page PDF unless `content` says otherwise) to a country profile."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from countries.models import ProfileDocument
    from tests.helpers.documents import pdf_bytes

    def make(country, name="report.pdf", content=None, **kwargs):
        upload = SimpleUploadedFile(name, pdf_bytes(pages=12) if content is None else content)
        return ProfileDocument.objects.create(country=country, file=upload, **{"title": "Report", **kwargs})

    return make


@pytest.fixture
def site_pages(db):
    from balkan.models import Page

    for key in ("about", "contact"):
        Page.objects.get_or_create(key=key, defaults={"title": key.title(), "body": "<p>Text.</p>"})


@pytest.fixture(autouse=True)
def _own_renditions_state(settings):
    # Each test has its own media folder, but parallel workers share a Redis
    # database: keep imagekit's "this rendition exists" notes apart too.
    settings.IMAGEKIT_CACHE_PREFIX = f"renditions-{uuid.uuid4().hex}:"


@pytest.fixture
def editor(db, django_user_model):
    """A member of the Editors group: writes and submits news."""
    return staff_in(django_user_model, "erika", "Editors")


@pytest.fixture
def publisher(db, django_user_model):
    """A member of the Publishers group: also publishes, schedules and archives."""
    return staff_in(django_user_model, "paul", "Publishers")


@pytest.fixture
def staff_user(django_user_model):
    """Return a factory of staff users with the given model permissions ("news.change_newsitem")."""

    def make(username="editor", password="a long enough passphrase 42", permissions=(), **flags):
        user = django_user_model.objects.create_user(
            username=username, password=password, is_staff=True, **flags
        )
        for name in permissions:
            app_label, codename = name.split(".")
            user.user_permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        return user

    return make


@pytest.fixture
def enrolled_editor(staff_user):
    """A staff user with a confirmed authenticator app: (user, device)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = staff_user()
    return user, TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def publisher_client(client, publisher):
    client.force_login(publisher)
    return client


class SharedCacheOutage:
    """Make the shared cache (on Redis, the page store with it) fail as an unreachable Redis does."""

    def __init__(self):
        self.patch = pytest.MonkeyPatch()

    def cut(self):
        from django_redis.exceptions import ConnectionInterrupted
        from redis.exceptions import ConnectionError as RedisConnectionError

        def unreachable(*args, **kwargs):
            # What django-redis's client raises when Redis does not answer.
            raise ConnectionInterrupted(connection=None) from RedisConnectionError(
                "Connection refused (test)"
            )

        shared = caches["shared"]
        if isinstance(shared, RedisCache):
            # django-redis's client raises; the cache in front of it swallows (IGNORE_EXCEPTIONS).
            target = shared.client
        else:
            # The local stand-in raises for the page cache; sessions read through another cache.
            target = shared
            self.patch.setattr(django_settings, "SESSION_CACHE_ALIAS", "default")
        for method in ("get", "get_many", "set", "set_many", "add", "delete", "incr"):
            self.patch.setattr(target, method, unreachable)
        forget_near_cache()

    def restore(self):
        self.patch.undo()


@pytest.fixture
def shared_cache():
    outage = SharedCacheOutage()
    yield outage
    outage.restore()


@pytest.fixture
def shared_cache_down(shared_cache):
    shared_cache.cut()


@pytest.fixture
def site_content(make_country, make_news, make_entry, make_partner, site_pages):
    """A small published site: a country with a story, a chronology entry and a partner."""
    country = make_country(name="Serbia", slug="serbia", iso_code="RS")
    item = make_news(slug="visit-to-belgrade", title="Visit to Belgrade", kind="visit")
    item.countries.add(country)
    item.tags.add("culture")
    entry = make_entry(ref="relations", title="Relations established")
    entry.countries.add(country)
    partner = make_partner(slug="embassy-of-serbia", country=country, kind="embassy")
    return {"country": country, "news": item, "entry": entry, "partner": partner}


@pytest.fixture
def site(settings, make_country, make_news, make_partner, make_entry, site_pages):
    """Two countries, a partner and a story each, 25 older stories, an entry and a quote (see tests/helpers/cached_pages.py).

    The refreshes its own rows wait for stay in the test's transaction, which never commits: the
    sync lease must outlive the test, or a slow run would apply them again halfway through and
    make every cached page stale at once (seen under load on SQLite and on PostgreSQL).
    """
    from balkan.models import Quote
    from pagecache.store import mark_synchronised

    settings.PAGE_CACHE_SYNC_SECONDS = 3600

    slovenia = make_country(name="Slovenia", iso_code="SI")
    romania = make_country(name="Romania", iso_code="RO")
    ljubljana = make_partner(name="University of Ljubljana", slug="ljubljana-university", country=slovenia)
    bucharest = make_partner(name="University of Bucharest", slug="bucharest-university", country=romania)
    slovenian = make_news(title="Japan and Slovenia", slug="slovenian-story", countries=[slovenia])
    romanian = make_news(title="Japan and Romania", slug="romanian-story", countries=[romania])
    slovenian.partners.add(ljubljana)
    romanian.partners.add(bucharest)
    for n in range(25):
        make_news(title=f"Japan older story {n}")
    make_entry(title="Relations established", countries=[romania], is_highlight=True)
    Quote.objects.create(text="Bridges between people.", author="A friend")
    mark_synchronised()
    return {"slovenia": slovenia, "romania": romania, "ljubljana": ljubljana, "slovenian": slovenian}


@pytest.fixture
def rendered():
    """Count the renders of each template name."""
    counts = {}

    def count(sender, template, **kwargs):
        counts[template.name] = counts.get(template.name, 0) + 1

    template_rendered.connect(count)
    yield counts
    template_rendered.disconnect(count)
