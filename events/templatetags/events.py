from django import template

from events import happenings

register = template.Library()


@register.inclusion_tag("events/_upcoming.html")
def upcoming_events(country=None):
    """Show the next events (of `country`, or of the whole network) with a link to their calendar."""
    return {"events": happenings.upcoming(country), "country": country}


@register.simple_tag
def event_when(item):
    """Return the Happening of event story `item`: its `when` in local time, its `datetime_attribute`."""
    return happenings.from_story(item)
