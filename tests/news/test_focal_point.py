"""The focal point of a hero image drives every cut of it: link previews (1200×630) and 16:9 cards.

The pictures are made here with a red subject in one corner of a white field; a cut
that keeps the subject has red pixels, one around the middle has none.
"""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from core import renditions
from tests.helpers.images import has_red, subject_in_top_left
from tests.helpers.workflow import change_url, form_data


def opened(url):
    """The stored picture behind a media `url`."""
    name = url.split("/media/", 1)[1]
    with default_storage.open(name) as stored:
        return Image.open(io.BytesIO(stored.read()))


@pytest.fixture
def story(make_news):
    item = make_news(slug="corner", hero_alt="A red square")
    item.hero_image.save("corner.jpg", ContentFile(subject_in_top_left()))
    return item


def og_image(client, path):
    html = client.get(path).content.decode()
    return re.search(r'<meta property="og:image" content="https?://[^/]+(/media/[^"]+)"', html).group(1)


def test_the_link_preview_keeps_the_subject_in_view_once_the_focal_point_is_on_it(client, story):
    middle = opened(og_image(client, "/news/corner/"))
    assert middle.size == (1200, 630)
    assert not has_red(middle), "cut around the middle, the subject in the corner is lost"

    story.hero_focus_x, story.hero_focus_y = 7, 7
    story.save()
    for path in ("/news/corner/", "/news/corner/", "/ja/news/corner/"):  # fresh, cached, Japanese
        focused = opened(og_image(client, path))
        assert focused.size == (1200, 630)
        assert has_red(focused), path


def test_cards_are_cut_to_16_9_around_the_focal_point(client, story):
    def card_picture():
        html = client.get("/news/").content.decode()
        card = html.split('class="card"', 2)[1]
        return opened(re.search(r'<img src="(/media/[^"]+)"', card).group(1))

    middle = card_picture()
    assert middle.width * 9 == middle.height * 16
    assert not has_red(middle)
    story.hero_focus_x, story.hero_focus_y = 5, 5
    story.save()
    focused = card_picture()
    assert focused.width * 9 == focused.height * 16 and has_red(focused)


def test_a_cut_never_leaves_the_picture_and_keeps_the_shape_asked_for():
    source = Image.new("RGB", (400, 300), "white")
    for focus in [(0, 0), (1, 1), (0.5, 0.5), (0.99, 0.01)]:
        for size in [(1200, 630), (160, 90), (100, 100)]:
            assert renditions.FocusFill(*size, focus).process(source).size == size


def test_the_focal_point_is_kept_between_0_and_100_and_saved(admin_client, story):
    story.status = "draft"
    story.save()
    url = change_url(story)
    page = admin_client.get(url)
    response = admin_client.post(url, form_data(page, hero_focus_x="140", hero_focus_y="-3"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "hero_focus_x" in errors and "hero_focus_y" in errors
    story.refresh_from_db()
    assert (story.hero_focus_x, story.hero_focus_y) == (50, 50)

    response = admin_client.post(url, form_data(page, hero_focus_x="12", hero_focus_y="80"))
    assert response.status_code == 302
    story.refresh_from_db()
    assert (story.hero_focus_x, story.hero_focus_y) == (12, 80)


def test_the_admin_form_shows_the_picture_to_click(admin_client, story):
    html = admin_client.get(f"/admin/news/newsitem/{story.pk}/change/").content.decode()
    assert 'class="focus-picker" data-x="id_hero_focus_x" data-y="id_hero_focus_y"' in html
    assert story.hero_image.url in html
    assert "admin-focus" in html


def test_the_news_list_shows_each_picture_as_a_square_cut_around_its_focal_point(admin_client, make_news):
    story = make_news(slug="wide", hero_alt="A red square")
    story.hero_image.save("wide.jpg", ContentFile(subject_in_top_left(size=(1600, 1000))))

    def thumbnail():
        html = admin_client.get("/admin/news/newsitem/").content.decode()
        return opened(re.search(r'<img src="(/media/[^"]+)"[^>]*class="square-preview"', html).group(1))

    middle = thumbnail()
    assert middle.size == (160, 160) and not has_red(middle)
    story.hero_focus_x, story.hero_focus_y = 5, 5
    story.save()
    focused = thumbnail()
    assert focused.size == (160, 160) and has_red(focused)
