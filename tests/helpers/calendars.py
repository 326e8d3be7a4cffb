"""Reading the iCalendar files the site serves, first and cached."""

import icalendar


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
