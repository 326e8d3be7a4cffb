"""An editor clicks the subject of a hero picture; the story's link preview is cut around it."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from tests.helpers.browser import log_in, staff
from tests.helpers.images import has_red, subject_in_top_left

OG_IMAGE = r'<meta property="og:image" content="https?://[^/]+(/media/[^"]+)"'


@pytest.mark.django_db(transaction=True)
def test_a_click_on_the_subject_sets_the_focal_point_that_cuts_the_link_preview(
    browser, live_server, django_user_model, make_news
):
    story = make_news(slug="corner", status="draft", hero_alt="A red square")
    story.hero_image.save("corner.jpg", ContentFile(subject_in_top_left()))
    staff(django_user_model, "ana", "Editors")
    page = log_in(browser, live_server, "ana")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/admin/news/newsitem/{story.pk}/change/")

    picture = page.locator(".focus-picker img")
    box = picture.bounding_box()
    picture.click(position={"x": box["width"] * 0.07, "y": box["height"] * 0.07})
    assert page.input_value("#id_hero_focus_x") == "7"
    assert page.input_value("#id_hero_focus_y") == "7"
    mark = page.locator(".focus-picker__mark").get_attribute("style")
    assert "left: 7%" in mark and "top: 7%" in mark
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")

    story.refresh_from_db()
    assert (story.hero_focus_x, story.hero_focus_y) == (7, 7)
    preview = page.request.get(f"{live_server.url}/news/preview/{story.pk}/")
    assert preview.status == 200
    og = re.search(OG_IMAGE, preview.text()).group(1)
    cut = Image.open(io.BytesIO(page.request.get(f"{live_server.url}{og}").body()))
    assert cut.size == (1200, 630) and has_red(cut)
    assert errors == []
