"""What the calendars show: event stories and future chronology entries, as one kind of thing.

A Happening is plain data in the active language, so the iCalendar feeds
(calendars.py) and the upcoming-events lists draw from the same place.
"""

import datetime
import html
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from chronology.models import ChronologyEntry
from core.dates import DatePrecision, zoneless
from countries.time_zones import JAPAN
from news.models import NewsItem

# A withdrawn event stays in the feeds, cancelled, this long, so that subscribed calendars drop it.
CANCELLED_KEPT = datetime.timedelta(days=30)
# Past events stay in the feeds this long (calendars keep what they already have anyway).
PAST_KEPT = datetime.timedelta(days=90)
MOST_IN_A_FEED = 500


@dataclass
class Happening:
    uid: str
    title: str
    url: str
    start: datetime.date | datetime.datetime
    end: datetime.date | datetime.datetime | None
    summary: str = ""
    location: str = ""
    cancelled: bool = False
    last_modified: datetime.datetime | None = None
    countries: list = field(default_factory=list)

    @property
    def all_day(self):
        return not isinstance(self.start, datetime.datetime)

    @property
    def first_day(self):
        return self.start if self.all_day else self.start.date()

    @property
    def datetime_attribute(self):
        """Return the start as HTML's <time datetime> takes it."""
        return self.start.isoformat()

    @property
    def when(self):
        """Return when it happens, in local time at the venue: "10 December 2026, 18:00 (CET)"."""
        if self.all_day:
            text = date_format(self.start, "DATE_FORMAT")
            if self.end and self.end != self.start:
                text = _("%(start)s – %(end)s") % {"start": text, "end": date_format(self.end, "DATE_FORMAT")}
            return text
        text = date_format(self.start, zoneless("DATETIME_FORMAT"))
        if self.end is not None:
            same_day = self.end.date() == self.start.date()
            end = date_format(self.end, zoneless("TIME_FORMAT" if same_day else "DATETIME_FORMAT"))
            text = _("%(start)s – %(end)s") % {"start": text, "end": end}
        return f"{text} ({self.start.tzname()})"

    @property
    def sequence(self):
        """Return a number that grows with every change (seconds from 2020 to the last one)."""
        if self.last_modified is None:
            return 0
        origin = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
        return max(0, int((self.last_modified - origin).total_seconds()))


def uid(kind, pk):
    """Return the UID of a record's event: the same in every language and for ever."""
    return f"{kind}-{pk}@{urlsplit(settings.SITE_URL).hostname}"


def story_zone(item):
    """Return the ZoneInfo of an event story: that of its first country (by name), else Japan's."""
    countries = sorted(item.countries.all(), key=lambda country: country.name_en or country.name)
    if countries:
        return countries[0].zone
    from zoneinfo import ZoneInfo

    return ZoneInfo(JAPAN)


def from_story(item):
    """Return the Happening of event story `item` (its countries prefetched)."""
    zone = story_zone(item)
    start, end = item.event_start, item.event_end
    if item.event_start_time:
        start = datetime.datetime.combine(start, item.event_start_time, tzinfo=zone)
        if item.event_end_time:
            end = datetime.datetime.combine(end or item.event_start, item.event_end_time, tzinfo=zone)
        elif end:
            end = (
                None
                if end == item.event_start
                else datetime.datetime.combine(end, item.event_start_time, tzinfo=zone)
            )
    withdrawn = not item.is_public
    return Happening(
        uid=uid("news", item.pk),
        # A withdrawn story may be a draft again: nothing of its text is shown.
        title=_("Cancelled event") if withdrawn else item.title,
        url="" if withdrawn else settings.SITE_URL + item.get_absolute_url(),
        start=start,
        end=end,
        summary="" if withdrawn else item.summary,
        location="" if withdrawn else ", ".join(part for part in (item.venue, item.city) if part),
        cancelled=withdrawn or item.event_cancelled,
        last_modified=item.updated_at,
        countries=[] if withdrawn else list(item.countries.all()),
    )


def from_entry(entry):
    """Return the Happening of a chronology entry known to the day (its countries prefetched)."""
    end = entry.end_date if entry.end_date_precision == DatePrecision.DAY else None
    return Happening(
        uid=uid("chronology", entry.pk),
        title=entry.title,
        url=settings.SITE_URL + entry.get_absolute_url(),
        start=entry.date,
        end=end if end and end > entry.date else None,
        summary=html.unescape(strip_tags(entry.description)).strip(),
        last_modified=entry.updated_at,
        countries=list(entry.countries.all()),
    )


def for_calendar(country=None):
    """Return the Happenings of a feed, the site's or `country`'s, in order: two queries."""
    now = timezone.now()
    stories = (
        NewsItem.objects.in_calendars(now - CANCELLED_KEPT)
        .ending_from(timezone.localdate() - PAST_KEPT)
        .prefetch_related("countries")
        .order_by("event_start", "pk")
    )
    entries = future_entries()
    if country is not None:
        stories = stories.for_country(country)
        entries = entries.for_country(country)
    happenings = [from_story(item) for item in stories[:MOST_IN_A_FEED]]
    happenings += [from_entry(entry) for entry in entries[:MOST_IN_A_FEED]]
    return sorted(happenings, key=lambda happening: (happening.first_day, happening.uid))


def future_entries():
    """Return the published chronology entries dated to a day from today on."""
    return (
        ChronologyEntry.objects.published()
        .filter(date__gte=timezone.localdate(), date_precision=DatePrecision.DAY)
        .prefetch_related("countries")
        .order_by("date", "pk")
    )


def upcoming(country=None, limit=5):
    """Return the next `limit` events that have not ended, public ones only: three queries."""
    today = timezone.localdate()
    stories = NewsItem.objects.published().events().ending_from(today).prefetch_related("countries")
    entries = future_entries()
    if country is not None:
        stories = stories.for_country(country)
        entries = entries.for_country(country)
    happenings = [from_story(item) for item in stories.order_by("event_start", "pk")[:limit]]
    happenings += [from_entry(entry) for entry in entries[:limit]]
    return sorted(happenings, key=lambda happening: (happening.first_day, happening.uid))[:limit]
