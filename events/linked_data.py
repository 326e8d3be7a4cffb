"""Structured data of an event story: a schema.org Event (Google's event properties) beside its NewsArticle."""

from core.linked_data import absolute

SCHEDULED = "https://schema.org/EventScheduled"
CANCELLED = "https://schema.org/EventCancelled"
IN_PERSON = "https://schema.org/OfflineEventAttendanceMode"


def _when(value):
    return value.isoformat(timespec="minutes") if hasattr(value, "hour") else value.isoformat()


def event(item, happening, *, article, organisation):
    """Return the Event of event story `item` from its Happening, linked to the `article` that tells of it."""
    countries = list(item.countries.all())
    address = {"@type": "PostalAddress"}
    if item.city:
        address["addressLocality"] = item.city
    address["addressCountry"] = countries[0].iso_code if countries else "JP"
    node = {
        "@type": "Event",
        "@id": f"{article['url']}#event",
        "name": item.title,
        "url": article["url"],
        "startDate": _when(happening.start),
        "eventStatus": CANCELLED if happening.cancelled else SCHEDULED,
        "eventAttendanceMode": IN_PERSON,
        "location": {
            "@type": "Place",
            "name": item.venue or item.city or (countries[0].name if countries else "Japan"),
            "address": address,
        },
        "image": [picture["url"] for picture in article["image"]],
        "organizer": {"@id": organisation["@id"]},
        "subjectOf": {"@id": article["@id"]},
    }
    if happening.end:
        node["endDate"] = _when(happening.end)
    if item.summary:
        node["description"] = item.summary
    if countries and countries[0].is_published:
        node["location"]["containedInPlace"] = {
            "@type": "Country",
            "name": countries[0].name,
            "url": absolute(countries[0].get_absolute_url()),
        }
    return node
