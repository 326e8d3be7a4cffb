"""The calendar addresses: the site's, each country's and each event story's, first and cached, with fixed costs."""

import datetime

import pytest
from django.utils import timezone

from tests.helpers.calendars import calendar_of, events_of, twice

pytestmark = pytest.mark.django_db


def test_drafts_scheduled_and_other_kinds_are_not_in_calendars(client, make_event, make_news):
    make_event(title="Draft event", status="draft")
    make_event(title="Scheduled event", publish_at=timezone.now() + datetime.timedelta(days=1))
    make_news(title="Plain news", kind="news")
    make_event(title="Long past event", event_start=timezone.localdate() - datetime.timedelta(days=200))
    response = client.get("/events.ics")
    assert not events_of(response)
    for title in ("Draft event", "Scheduled event", "Plain news", "Long past event"):
        assert title not in response.content.decode()


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
