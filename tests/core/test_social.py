"""Social cards of news items, served like the countries' ones."""

import datetime
import io
from unittest import mock

import pytest
from django.utils import timezone
from PIL import Image

from countries import cards
from tests.helpers.images import image_upload

pytestmark = pytest.mark.django_db


def og_image(html):
    start = html.index('<meta property="og:image" content="') + len('<meta property="og:image" content="')
    return html[start : html.index('"', start)]


def test_news_item_has_a_1200_by_630_card(client, make_news, make_country):
    country = make_country(name="Slovenia", slug="slovenia", iso_code="SI")
    item = make_news(title="Kono visits Ljubljana", countries=[country])
    response = client.get(f"/news/{item.slug}/card.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(response.content)).size == (1200, 630)


def test_news_card_is_cached_until_the_item_changes(client, make_news):
    item = make_news(title="Kono visits Ljubljana")
    with mock.patch.object(cards, "render_card", wraps=cards.render_card) as renders:
        first = client.get(f"/news/{item.slug}/card.png").content
        assert client.get(f"/news/{item.slug}/card.png").content == first
        assert renders.call_count == 1
        item.title = "Kono visits Ljubljana and Kočevje"
        item.save()
        assert client.get(f"/news/{item.slug}/card.png").content != first
        assert renders.call_count == 2


def test_news_card_shows_the_items_kind_date_title_and_countries(make_news, make_country):
    slovenia = make_country(name="Slovenia", slug="slovenia")
    hidden = make_country(name="Japan", slug="japan", iso_code="JP", is_published=False)
    item = make_news(
        title="Kono visits Ljubljana",
        kind="visit",
        publish_at=timezone.make_aware(datetime.datetime(2018, 1, 14, 12)),
        countries=[slovenia, hidden],
    )
    card = cards.news_card(item, f"https://balkan.example/news/{item.slug}/")
    assert (card.label, card.title, card.figure) == (
        "Visit · 14 January 2018",
        "Kono visits Ljubljana",
        "Slovenia",
    )
    assert card.address == f"balkan.example/news/{item.slug}/"


def test_news_without_a_hero_image_previews_with_its_card(client, make_news, settings):
    settings.SITE_URL = "https://balkan.example"
    plain = make_news()
    pictured = make_news(hero_image=image_upload(), hero_alt="Cherry trees")
    plain_image = og_image(client.get(f"/news/{plain.slug}/").content.decode())
    assert plain_image == f"https://balkan.example/news/{plain.slug}/card.png"
    assert client.get(plain_image.removeprefix(settings.SITE_URL)).status_code == 200
    pictured_image = og_image(client.get(f"/news/{pictured.slug}/").content.decode())
    assert pictured_image.startswith("https://balkan.example/media/renditions/")


def test_a_hero_image_previews_cut_to_1200_by_630_not_as_uploaded(client, make_news, settings):
    from django.core.files.storage import default_storage

    settings.SITE_URL = "https://balkan.example"
    tall = make_news(hero_image=image_upload("tall.jpg", size=(900, 1400)), hero_alt="A tall tower")
    html = client.get(f"/news/{tall.slug}/").content.decode()
    address = og_image(html)
    assert '<meta property="og:image:width" content="1200">' in html
    path = address.removeprefix(settings.SITE_URL + settings.MEDIA_URL)
    with default_storage.open(path) as stored, Image.open(stored) as card:
        assert (card.size, card.format) == ((1200, 630), "JPEG")


def test_unpublished_news_has_no_card(client, make_news):
    draft = make_news(status="draft")
    assert client.get(f"/news/{draft.slug}/card.png").status_code == 404
    assert client.get("/news/no-such-story/card.png").status_code == 404


def test_changed_news_slug_redirects_its_card(client, make_news):
    item = make_news(slug="old-story")
    item.slug = "new-story"
    item.save()
    response = client.get("/news/old-story/card.png")
    assert (response.status_code, response["Location"]) == (301, "/news/new-story/card.png")
