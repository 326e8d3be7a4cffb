"""The events template tags: the upcoming list, an event story's local time, its structured data graph."""

import datetime

import pytest
from django.template import Context, Template

from events.happenings import Happening
from events.templatetags.events import event_when, story_structured_data, upcoming_events

pytestmark = pytest.mark.django_db


def test_the_upcoming_list_holds_the_next_events_of_the_country_asked_for(make_event, slovenia, greece):
    ours = make_event(title="In Ljubljana", countries=[slovenia])
    make_event(title="In Athens", countries=[greece])
    context = upcoming_events(slovenia)
    assert context["country"] == slovenia
    assert [event.title for event in context["events"]] == [ours.title]
    assert len(upcoming_events()["events"]) == 2


def test_the_upcoming_list_renders_a_link_to_the_calendar(make_event, slovenia):
    make_event(title="Film night", countries=[slovenia])
    html = Template("{% load events %}{% upcoming_events country %}").render(Context({"country": slovenia}))
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
