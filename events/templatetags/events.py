from django import template
from django.urls import reverse
from django.utils import timezone

from core.linked_data import absolute
from events import happenings, linked_data
from news import linked_data as news_linked_data
from pagecache import fragments

register = template.Library()


@register.simple_tag(takes_context=True)
def upcoming_events(context, country=None):
    """Show the next events (of `country`, or of the whole network) with a link to their calendar.

    A piece (pagecache.fragments) kept until the news, the chronology or the
    countries change, or the day does.
    """
    key = f"{country.slug if country else ''}@{timezone.localdate().isoformat()}"
    return fragments.render(
        context,
        "events/_upcoming.html",
        key,
        lambda: {"events": happenings.upcoming(country), "country": country},
    )


@register.simple_tag
def event_when(item):
    """Return the Happening of event story `item`: its `when` in local time, its `datetime_attribute`."""
    return happenings.from_story(item)


@register.simple_tag
def story_structured_data(item):
    """Return the JSON-LD graph of story `item`: its NewsArticle, the network as publisher, its Event if it is one."""
    article, organisation = news_linked_data.article(item, home_url=absolute(reverse("balkan:home")))
    graph = [article, organisation]
    if item.is_event:
        graph.append(
            linked_data.event(item, happenings.from_story(item), article=article, organisation=organisation)
        )
    return {"@context": "https://schema.org", "@graph": graph}
