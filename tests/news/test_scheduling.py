"""A scheduled story is nowhere before its time and everywhere after it, with no job to run."""

import datetime
from zoneinfo import ZoneInfo

import feedparser
import pytest
import time_machine

PUBLISH_AT = datetime.datetime(2031, 5, 20, 9, 0, tzinfo=ZoneInfo("Asia/Tokyo"))


@pytest.fixture
def scheduled(make_news, make_country):
    country = make_country(name="Slovenia")
    item = make_news(
        title="Scheduled visit to Ljubljana",
        slug="scheduled-visit",
        status="published",
        publish_at=PUBLISH_AT,
        countries=[country],
    )
    item.tags.add("Cherry blossom")
    return item


def places(client):
    """Return, for every public place a story can appear, whether the scheduled story is there."""
    feeds = {
        "rss": "/news/feed/",
        "atom": "/news/feed/atom/",
        "country rss": "/countries/slovenia/feed/",
        "country atom": "/countries/slovenia/feed/atom/",
        "tag rss": "/news/tags/cherry-blossom/feed/",
        "tag atom": "/news/tags/cherry-blossom/feed/atom/",
    }
    found = {
        "list": "Scheduled visit to Ljubljana" in client.get("/news/").content.decode(),
        "japanese list": "Scheduled visit to Ljubljana" in client.get("/ja/news/").content.decode(),
        "detail": client.get("/news/scheduled-visit/").status_code == 200,
        "home": "Scheduled visit to Ljubljana" in client.get("/").content.decode(),
        "search": "Scheduled visit" in client.get("/search/?q=Ljubljana").content.decode(),
        "sitemap": "/news/scheduled-visit/" in client.get("/sitemap.xml").content.decode(),
    }
    for name, url in feeds.items():
        response = client.get(url)
        assert response.status_code == 200, url
        titles = [entry.title for entry in feedparser.parse(response.content).entries]
        found[name] = "Scheduled visit to Ljubljana" in titles
    return found


@pytest.mark.django_db
def test_scheduled_story_is_absent_before_its_time_and_present_after(client, scheduled, site_pages):
    with time_machine.travel(PUBLISH_AT - datetime.timedelta(minutes=1), tick=False):
        before = places(client)
    with time_machine.travel(PUBLISH_AT + datetime.timedelta(minutes=1), tick=False):
        after = places(client)
    assert not any(before.values()), before
    assert all(after.values()), after


@pytest.mark.django_db
def test_scheduled_story_appears_exactly_at_its_time(client, scheduled):
    with time_machine.travel(PUBLISH_AT - datetime.timedelta(seconds=1), tick=False):
        assert client.get("/news/scheduled-visit/").status_code == 404
    with time_machine.travel(PUBLISH_AT, tick=False):
        assert client.get("/news/scheduled-visit/").status_code == 200


@pytest.mark.django_db
def test_scheduled_is_a_state_of_its_own(scheduled):
    with time_machine.travel(PUBLISH_AT - datetime.timedelta(hours=1), tick=False):
        assert scheduled.is_scheduled and not scheduled.is_public
        assert scheduled.workflow_state == "scheduled"
        assert str(scheduled.workflow_state_display) == "Scheduled"
    with time_machine.travel(PUBLISH_AT + datetime.timedelta(hours=1), tick=False):
        assert scheduled.is_public and not scheduled.is_scheduled
        assert scheduled.workflow_state == "published"
