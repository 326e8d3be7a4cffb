"""Fixtures of the site's own tests."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.utils import timezone

from tests.helpers.images import image_bytes, image_upload


@pytest.fixture
def content(make_news, make_country, make_entry, make_partner, site_pages):
    """Published news, countries and a partner, and as many hidden ones (draft, scheduled, unpublished)."""
    hour = datetime.timedelta(hours=1)
    return {
        "public": [
            make_news(slug="visit-to-ljubljana"),
            make_news(slug="workshop-in-veliko-tarnovo"),
            make_country(name="Slovenia"),
            make_country(name="Kosovo", iso_code="XK"),
            make_partner(slug="cosylab"),
        ],
        "hidden": [
            make_news(slug="draft-story", status="draft"),
            make_news(slug="story-in-review", status="review"),
            make_news(slug="archived-story", status="archived"),
            make_news(slug="scheduled-story", publish_at=timezone.now() + hour),
            make_country(name="Japan", iso_code="JP", is_published=False),
            make_partner(slug="unpublished-partner", is_published=False),
        ],
        "entry": make_entry(),
    }


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.org", "a long secret phrase")
    client.force_login(user)
    return client


@pytest.fixture
def page_types(make_news, make_country, make_partner, make_entry, site_pages):
    news = make_news(slug="courtesy-call", hero_image=image_upload(), hero_alt="A handshake")
    country = make_country(name="Kosovo", iso_code="XK", slug="kosovo")
    partner = make_partner(slug="cosylab")
    make_entry(title="Relations established")
    return [
        "/",
        "/news/",
        news.get_absolute_url(),
        "/countries/",
        country.get_absolute_url(),
        "/chronology/",
        "/partners/",
        partner.get_absolute_url(),
        "/search/?q=kosovo",
        "/about/",
        "/contact/",
    ]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "demo-media"
    return settings.MEDIA_ROOT


@pytest.fixture
def slovenia(make_country):
    return make_country(name="Slovenia", name_ja="スロベニア", iso_code="SI")


@pytest.fixture
def page_editor_client(client, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="a long secret phrase", is_staff=True)
    editor.user_permissions.add(*Permission.objects.filter(codename__in=["view_page", "change_page"]))
    client.force_login(editor)
    return client


@pytest.fixture
def hero(make_news):
    item = make_news()
    item.hero_image.save("hero.jpg", ContentFile(image_bytes("JPEG", size=(1200, 800))))
    return item.hero_image
