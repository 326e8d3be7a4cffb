"""Happenings as iCalendar (RFC 5545), written with the icalendar library.

Timed events carry their local time with its VTIMEZONE and, in the
description, the time in Japan; events known only to the day are all-day
events. The text is the same for the same content, so pages can be cached and
answered with 304s.
"""

import datetime
import zoneinfo

import icalendar
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.dates import zoneless
from countries.time_zones import JAPAN

CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODUCT = "-//Japan-Balkan Network//Events//EN"


def japan_time(happening):
    """Return the line that tells a reader in Japan when a timed event happens there."""
    japan = zoneinfo.ZoneInfo(JAPAN)
    start = date_format(happening.start.astimezone(japan), zoneless("DATETIME_FORMAT"))
    if happening.end is None:
        return _("Japan time: %(start)s") % {"start": start}
    end = happening.end.astimezone(japan)
    same_day = end.date() == happening.start.astimezone(japan).date()
    end = date_format(end, zoneless("TIME_FORMAT" if same_day else "DATETIME_FORMAT"))
    return _("Japan time: %(start)s – %(end)s") % {"start": start, "end": end}


def description(happening):
    parts = [happening.summary] if happening.summary else []
    if not happening.all_day:
        parts.append(japan_time(happening))
    if happening.url:
        parts.append(happening.url)
    return "\n\n".join(parts)


def vevent(happening):
    event = icalendar.Event()
    event.add("uid", happening.uid)
    modified = happening.last_modified or datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    event.add("dtstamp", modified.astimezone(datetime.UTC))
    event.add("last-modified", modified.astimezone(datetime.UTC))
    event.add("sequence", happening.sequence)
    event.add("summary", happening.title)
    event.add("dtstart", happening.start)
    if happening.all_day:
        # An all-day event's end is exclusive: the day after its last.
        event.add("dtend", (happening.end or happening.start) + datetime.timedelta(days=1))
    elif happening.end is not None:
        event.add("dtend", happening.end)
    text = description(happening)
    if text:
        event.add("description", text)
    if happening.location:
        event.add("location", happening.location)
    if happening.url:
        event.add("url", happening.url)
    event.add("status", "CANCELLED" if happening.cancelled else "CONFIRMED")
    if happening.cancelled:
        event.add("transp", "TRANSPARENT")
    return event


def calendar(happenings, name):
    """Return the iCalendar text (bytes) of `happenings`, a calendar called `name`."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODUCT)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-published-ttl", "PT1H")
    cal.add("refresh-interval", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    language = get_language() or "en"
    for happening in happenings:
        event = vevent(happening)
        for prop in ("summary", "description", "location"):
            if prop in event:
                event[prop].params["LANGUAGE"] = language
        cal.add_component(event)
    timed = [happening.first_day for happening in happenings if not happening.all_day]
    if timed:
        # The zones' rules over the years the events span, no more: the text stays short and stable.
        cal.add_missing_timezones(
            first_date=datetime.date(min(timed).year, 1, 1),
            last_date=datetime.date(max(timed).year + 1, 12, 31),
        )
    return cal.to_ical()
