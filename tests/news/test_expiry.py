"""A story with an expiry leaves the site by itself at that time, and its address then says why."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

EVERYWHERE = ["/", "/news/", "/ja/news/", "/news/feed/", "/sitemap.xml", "/search/?q=scholarship"]


def both_answers(path):
    reader = Client()
    return reader.get(path), reader.get(path)


def _directives(response):
    return dict((part.strip().split("=") + [""])[:2] for part in response["Cache-Control"].split(","))


def test_a_story_leaves_the_site_at_its_expiry_and_its_page_shows_the_withdrawal_notice(offer):
    start, story = offer
    with time_machine.travel(start + datetime.timedelta(seconds=10), tick=False):
        for path in ("/news/scholarship/", "/ja/news/scholarship/"):
            first, second = both_answers(path)
            assert (first.status_code, second.status_code, second["X-Cache"]) == (200, 200, "HIT")
            # Nobody keeps the page past the expiry: browsers and edge caches alike.
            assert int(_directives(second)["s-maxage"]) <= 80
        for path in EVERYWHERE:
            assert "scholarship" in Client().get(path).content.decode().lower(), path

    with time_machine.travel(start + datetime.timedelta(seconds=91), tick=False):
        for path, notice, title in (
            ("/news/scholarship/", "Applications closed. The next round opens in April.", "Scholarship"),
            ("/ja/news/scholarship/", "募集は終了しました。次回は4月に開始します。", "奨学金の募集開始"),
        ):
            for answer in both_answers(path):  # the second reader too: a 410 is never stored
                html = answer.content.decode()
                assert answer.status_code == 410
                assert notice in html and title in html and '<meta name="robots" content="noindex">' in html
                assert "Apply by the end of the month." not in html
        assert "This story has been withdrawn" in Client().get("/news/scholarship/").content.decode()
        assert "この記事は取り下げられました" in Client().get("/ja/news/scholarship/").content.decode()
        for path in EVERYWHERE:
            for answer in both_answers(path):
                assert "news/scholarship/" not in answer.content.decode(), path


def test_a_story_cannot_expire_before_it_is_published(publisher_client, make_news):
    from tests.helpers.news import news_form_data
    from tests.helpers.workflow import change_url

    story = make_news(status="draft")
    data = news_form_data(
        story,
        expires_at_0=(timezone.localdate() - datetime.timedelta(days=400)).isoformat(),
        expires_at_1="10:00",
    )
    response = publisher_client.post(change_url(story), data)
    assert response.status_code == 200
    assert "The story cannot leave the site before it is published." in response.content.decode()


def test_a_story_that_never_existed_is_still_a_plain_404(client):
    assert client.get("/news/no-such-story/").status_code == 404
