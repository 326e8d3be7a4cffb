import datetime
import re
import zoneinfo

import icalendar
import pytest
import time_machine
import vobject
from django.utils import timezone

from tests.helpers.caches import clear_caches

pytestmark = pytest.mark.django_db

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")


def calendar_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events_of(response):
    return {str(event["UID"]): event for event in calendar_of(response).walk("VEVENT")}


def twice(client, url, **headers):
    """Return the first and the cached answer, checking that they are the same."""
    first = client.get(url, **headers)
    second = client.get(url, **headers)
    assert first["X-Cache"] == "MISS", url
    assert second["X-Cache"] == "HIT", url
    assert first.content == second.content
    assert second["Content-Type"] == "text/calendar; charset=utf-8"
    return first, second


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


def test_drafts_scheduled_and_other_kinds_are_not_in_calendars(client, make_event, make_news):
    make_event(title="Draft event", status="draft")
    make_event(title="Scheduled event", publish_at=timezone.now() + datetime.timedelta(days=1))
    make_news(title="Plain news", kind="news")
    make_event(title="Long past event", event_start=timezone.localdate() - datetime.timedelta(days=200))
    response = client.get("/events.ics")
    assert not events_of(response)
    for title in ("Draft event", "Scheduled event", "Plain news", "Long past event"):
        assert title not in response.content.decode()


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


def test_country_calendar_shows_only_its_events_in_its_zone(client, slovenia, greece, make_event):
    make_event(title="In Ljubljana", event_start_time=datetime.time(10, 0), countries=[slovenia])
    athens = make_event(title="In Athens", event_start_time=datetime.time(10, 0), countries=[greece])
    for response in twice(client, "/countries/greece/events.ics"):
        cal = calendar_of(response)
        assert [str(event["SUMMARY"]) for event in cal.walk("VEVENT")] == ["In Athens"]
        assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Athens"]
        assert "Greece" in str(cal["X-WR-CALNAME"])
    site = calendar_of(client.get("/events.ics"))
    assert {tz["TZID"] for tz in site.walk("VTIMEZONE")} == {"Europe/Athens", "Europe/Ljubljana"}
    greece.time_zone = "Europe/Helsinki"
    greece.save()
    (event,) = events_of(client.get("/countries/greece/events.ics")).values()
    assert event["DTSTART"].params["TZID"] == "Europe/Helsinki"
    assert event["UID"].startswith(f"news-{athens.pk}@")


def test_country_calendar_of_unknown_or_unpublished_country_is_404(client, make_country):
    make_country(name="Japan", slug="japan", iso_code="JP", is_published=False)
    assert client.get("/countries/japan/events.ics").status_code == 404
    assert client.get("/countries/atlantis/events.ics").status_code == 404
    assert client.get("/ja/countries/atlantis/events.ics").status_code == 404


def test_renamed_country_calendar_redirects(client, slovenia):
    slovenia.slug = "republic-of-slovenia"
    slovenia.save()
    response = client.get("/countries/slovenia/events.ics")
    assert response.status_code == 301
    assert response["Location"] == "/countries/republic-of-slovenia/events.ics"


def test_every_event_story_links_to_its_own_calendar(client, slovenia, make_event, make_news):
    item = make_event(title="Film night", event_start_time=datetime.time(20, 0), countries=[slovenia])
    page = client.get(item.get_absolute_url()).content.decode()
    assert f'href="/news/{item.slug}/event.ics"' in page
    assert "Add to calendar" in page
    assert "20:00 (CET)" in page
    ja_page = client.get(f"/ja/news/{item.slug}/").content.decode()
    assert f'href="/ja/news/{item.slug}/event.ics"' in ja_page
    assert "カレンダーに追加" in ja_page
    for response in twice(client, item.get_calendar_url()):
        (event,) = events_of(response).values()
        assert event["SUMMARY"] == "Film night"
    plain = make_news(kind="news")
    assert "event.ics" not in client.get(plain.get_absolute_url()).content.decode()
    assert client.get(f"/news/{plain.slug}/event.ics").status_code == 404
    assert client.get("/news/no-such-story/event.ics").status_code == 404


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


@pytest.mark.parametrize("count", [1, 30])
def test_calendars_cost_a_fixed_number_of_queries(
    client, slovenia, make_event, make_entry, soon, django_assert_num_queries, count
):
    for _ in range(count):
        make_event(countries=[slovenia], event_start_time=datetime.time(12, 0))
        make_entry(date=soon).countries.set([slovenia])
    with django_assert_num_queries(4):
        assert client.get("/events.ics").status_code == 200
    with django_assert_num_queries(5):
        assert client.get("/countries/slovenia/events.ics").status_code == 200
