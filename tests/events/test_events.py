"""The events template tags: the upcoming list, an event story's local time, its structured data graph."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone

from events.happenings import Happening
from events.templatetags.events import event_when, story_structured_data

pytestmark = pytest.mark.django_db


def upcoming_html(country=None):
    return Template("{% load events %}{% upcoming_events country %}").render(Context({"country": country}))


def test_the_upcoming_list_holds_the_next_events_of_the_country_asked_for(make_event, slovenia, greece):
    make_event(title="In Ljubljana", countries=[slovenia])
    make_event(title="In Athens", countries=[greece])
    html = upcoming_html(slovenia)
    assert "In Ljubljana" in html and "In Athens" not in html
    assert "Subscribe to the events in Slovenia" in html
    html = upcoming_html()
    assert "In Ljubljana" in html and "In Athens" in html


def test_the_upcoming_list_is_kept_until_the_news_change(make_event, slovenia, rendered):
    make_event(title="In Ljubljana", countries=[slovenia])
    assert upcoming_html(slovenia) == upcoming_html(slovenia)
    assert rendered["events/_upcoming.html"] == 1, "made once, then kept"
    make_event(title="Film night in Maribor", countries=[slovenia])
    assert "Film night in Maribor" in upcoming_html(slovenia)


def test_the_upcoming_list_is_made_again_the_next_day(make_event, slovenia, rendered, monkeypatch):
    make_event(title="In Ljubljana", countries=[slovenia])
    upcoming_html(slovenia)
    upcoming_html(slovenia)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    upcoming_html(slovenia)
    assert rendered["events/_upcoming.html"] == 2, "yesterday's list may hold an event that has ended"


def test_the_upcoming_list_renders_a_link_to_the_calendar(make_event, slovenia):
    make_event(title="Film night", countries=[slovenia])
    html = upcoming_html(slovenia)
    assert "Film night" in html and "events.ics" in html


def test_an_event_storys_time_is_its_happening_in_its_countrys_time(make_event, slovenia, soon):
    item = make_event(event_start_time=datetime.time(18, 30), countries=[slovenia])
    happening = event_when(item)
    assert isinstance(happening, Happening)
    assert happening.start.date() == soon and happening.start.hour == 18
    assert str(happening.start.tzinfo) == "Europe/Ljubljana"


def test_a_storys_graph_has_its_article_and_publisher_and_an_event_only_for_events(make_event, make_news):
    def types(item):
        graph = story_structured_data(item)
        assert graph["@context"] == "https://schema.org"
        return [node["@type"] for node in graph["@graph"]]

    assert types(make_news(kind="news")) == ["NewsArticle", "Organization"]
    assert types(make_event())[:2] == ["NewsArticle", "Organization"] and types(make_event())[2] == "Event"
