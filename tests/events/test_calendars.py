"""What a calendar says of each happening: its zone and Japan time, both languages, all-day days, UID, cancellations."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
import vobject
from django.utils import timezone

from tests.helpers.caches import clear_caches
from tests.helpers.calendars import calendar_of, events_of, twice

pytestmark = pytest.mark.django_db

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")


def test_site_calendar_gives_local_time_with_its_zone_and_japan_time(
    client, slovenia, make_event, soon, settings
):
    settings.SITE_URL = "https://balkan.example"
    item = make_event(
        title="Japanese film week opens",
        summary="Five films, with their directors.",
        event_start_time=datetime.time(18, 30),
        event_end_time=datetime.time(21, 0),
        countries=[slovenia],
    )
    for response in twice(client, "/events.ics"):
        cal = calendar_of(response)
        assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Ljubljana"]
        (event,) = cal.walk("VEVENT")
        assert event["UID"] == f"news-{item.pk}@balkan.example"
        assert event["SUMMARY"] == "Japanese film week opens"
        assert event["STATUS"] == "CONFIRMED"
        assert event["LOCATION"] == "Cankarjev dom, Ljubljana"
        assert event["URL"] == f"https://balkan.example/news/{item.slug}/"
        start = event.decoded("DTSTART")
        assert event["DTSTART"].params["TZID"] == "Europe/Ljubljana"
        assert (start.date(), start.hour, start.minute) == (soon, 18, 30)
        assert start.utcoffset() == datetime.timedelta(hours=1)  # CET
        assert event.decoded("DTEND") - start == datetime.timedelta(hours=2, minutes=30)
        in_japan = start.astimezone(TOKYO)
        description = str(event["DESCRIPTION"])
        assert description.startswith("Five films, with their directors.")
        # 18:30 in Ljubljana is 2:30 the next morning in Tokyo.
        assert in_japan.day == soon.day + 1
        assert f"Japan time: {in_japan.day} January {in_japan.year}, 02:30 – 05:00" in description
        assert f"https://balkan.example/news/{item.slug}/" in description


def test_japanese_calendar_has_japanese_text_and_the_same_uids(client, slovenia, make_event):
    item = make_event(
        title="Japanese film week opens",
        title_ja="日本映画週間が開幕",
        event_start_time=datetime.time(18, 30),
        countries=[slovenia],
    )
    english = events_of(client.get("/events.ics"))
    for response in twice(client, "/ja/events.ics"):
        japanese = events_of(response)
        assert japanese.keys() == english.keys()
        (event,) = japanese.values()
        assert event["SUMMARY"] == "日本映画週間が開幕"
        assert event["SUMMARY"].params["LANGUAGE"] == "ja"
        assert "日本時間" in str(event["DESCRIPTION"])
        assert f"/ja/news/{item.slug}/" in str(event["URL"])
    assert "イベント" in str(calendar_of(client.get("/ja/events.ics"))["X-WR-CALNAME"])


def test_all_day_event_ends_the_day_after_its_last(client, make_event, soon):
    make_event(event_end=soon + datetime.timedelta(days=2))
    (event,) = events_of(client.get("/events.ics")).values()
    assert event.decoded("DTSTART") == soon
    assert event.decoded("DTEND") == soon + datetime.timedelta(days=3)
    assert not calendar_of(client.get("/events.ics")).walk("VTIMEZONE")


def test_uid_stays_and_sequence_grows_when_the_event_is_edited(client, slovenia, make_event):
    item = make_event(title="Concert", event_start_time=datetime.time(19, 0), countries=[slovenia])
    (before,) = events_of(twice(client, "/events.ics")[1]).values()
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=5)):
        item.title = "Concert (new venue)"
        item.venue = "Slovenska filharmonija"
        item.save()
        (after,) = events_of(client.get("/events.ics")).values()
    assert after["UID"] == before["UID"]
    assert after["SUMMARY"] == "Concert (new venue)"
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after.decoded("LAST-MODIFIED") > before.decoded("LAST-MODIFIED")


def test_event_marked_cancelled_stays_in_the_calendar_as_cancelled(client, make_event):
    item = make_event(title="Garden party")
    assert client.get("/events.ics")["X-Cache"] == "MISS"
    item.event_cancelled = True
    item.save()
    (event,) = events_of(twice(client, "/events.ics")[0]).values()
    assert event["STATUS"] == "CANCELLED"
    assert event["SUMMARY"] == "Garden party"
    assert "Cancelled" in client.get(item.get_absolute_url()).content.decode()


def test_unpublished_event_is_cancelled_for_a_while_without_its_text(client, make_event, publisher):
    item = make_event(title="Garden party", summary="Secret plans")
    (published,) = events_of(client.get("/events.ics")).values()
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=1)):
        item.unpublish(publisher)
        item.title = "Draft: a new title nobody may see yet"
        item.save()
    for response in twice(client, "/events.ics"):
        (event,) = events_of(response).values()
        assert event["UID"] == published["UID"]
        assert event["STATUS"] == "CANCELLED"
        assert event["SEQUENCE"] > published["SEQUENCE"]
        text = response.content.decode()
        assert "nobody may see" not in text and "Secret plans" not in text and "Garden party" not in text
    assert events_of(client.get(item.get_calendar_url()))[published["UID"]]["STATUS"] == "CANCELLED"
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        clear_caches()  # a month on, the cached calendar has long expired
        assert not events_of(client.get("/events.ics"))
        assert client.get(item.get_calendar_url()).status_code == 404


def test_future_chronology_entries_known_to_the_day_are_all_day_events(
    client, make_entry, slovenia, soon, settings
):
    settings.SITE_URL = "https://balkan.example"
    entry = make_entry(title="Expo pavilion opens", date=soon, description="<p>Slovenia &amp; Japan</p>")
    entry.countries.set([slovenia])
    make_entry(
        title="Month only", date=soon.replace(day=1) + datetime.timedelta(days=62), date_precision="month"
    )
    make_entry(title="Already past", date=timezone.localdate() - datetime.timedelta(days=3))
    make_entry(title="Unpublished", date=soon, is_published=False)
    events = events_of(client.get("/events.ics"))
    assert list(events) == [f"chronology-{entry.pk}@balkan.example"]
    (event,) = events.values()
    assert event.decoded("DTSTART") == soon
    assert str(event["DESCRIPTION"]).startswith("Slovenia & Japan")
    assert events_of(client.get("/countries/slovenia/events.ics")).keys() == events.keys()


def test_a_second_library_reads_the_calendar(client, slovenia, greece, make_event, make_entry, soon):
    make_event(title="Film night", event_start_time=datetime.time(20, 0), countries=[slovenia])
    make_event(
        title="Cancelled talk", event_start_time=datetime.time(9, 0), countries=[greece], event_cancelled=True
    )
    make_event(title="Fair", event_end=soon + datetime.timedelta(days=1))
    make_entry(title="Anniversary", date=soon)
    text = client.get("/events.ics").content.decode()
    (cal,) = vobject.readComponents(text)
    events = {event.summary.value: event for event in cal.vevent_list}
    assert set(events) == {"Film night", "Cancelled talk", "Fair", "Anniversary"}
    film = events["Film night"].dtstart.value
    assert (film.hour, film.tzinfo.utcoffset(film)) == (20, datetime.timedelta(hours=1))
    assert film.astimezone(TOKYO).hour == 4
    talk = events["Cancelled talk"].dtstart.value
    assert talk.tzinfo.utcoffset(talk) == datetime.timedelta(hours=2)  # Athens, winter
    assert events["Cancelled talk"].status.value == "CANCELLED"
    assert events["Fair"].dtstart.value == soon
    assert events["Fair"].dtend.value == soon + datetime.timedelta(days=2)
    assert all(re.fullmatch(r"(news|chronology)-\d+@[\w.]+", event.uid.value) for event in events.values())
