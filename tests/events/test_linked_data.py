"""Structured data of an event story: a schema.org Event at its place and local time, fresh and cached, in both languages."""

import datetime

import pytest
from django.utils import timezone

from tests.helpers.linked_data import answers, documents, nodes, urls_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]

# What Google requires of an event.
EVENT = {"name", "startDate", "location", "eventStatus", "eventAttendanceMode", "image", "organizer"}


@pytest.mark.parametrize("cancelled", [False, True])
def test_an_event_story_is_also_an_event_at_its_place_and_local_time(
    client, make_news, make_country, cancelled
):
    serbia = make_country(name="Serbia", iso_code="RS")
    day = timezone.localdate() + datetime.timedelta(days=20)
    item = make_news(
        kind="event",
        title="Japanese film week",
        event_start=day,
        event_start_time=datetime.time(18, 0),
        event_end_time=datetime.time(21, 0),
        venue="Kinoteka",
        city="Belgrade",
        event_cancelled=cancelled,
    )
    item.countries.add(serbia)
    [document] = documents(client, f"/news/{item.slug}/")
    graph = nodes(document)
    assert set(graph) == {"NewsArticle", "Organization", "Event"}
    event = graph["Event"]
    assert EVENT <= set(event)
    # Belgrade's time, with its offset, as the venue keeps it.
    start = datetime.datetime.fromisoformat(event["startDate"])
    assert (start.hour, start.minute) == (18, 0) and start.utcoffset() is not None
    assert datetime.datetime.fromisoformat(event["endDate"]).hour == 21
    assert event["location"]["name"] == "Kinoteka"
    assert event["location"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Belgrade",
        "addressCountry": "RS",
    }
    assert event["eventStatus"] == (
        "https://schema.org/EventCancelled" if cancelled else "https://schema.org/EventScheduled"
    )
    assert event["subjectOf"] == {"@id": graph["NewsArticle"]["@id"]}
    for url in set(urls_in(document)):
        assert answers(client, url).status_code == 200, url


def test_a_story_that_is_no_event_has_no_event(client, make_news):
    item = make_news(kind="news")
    [document] = documents(client, f"/news/{item.slug}/")
    assert "Event" not in nodes(document)
