"""{% alerts_link %}: the "Get e-mail alerts" link other apps' pages show, with the topic to preselect."""

from urllib.parse import urlencode

from django import template

register = template.Library()


@register.inclusion_tag("alerts/_link.html")
def alerts_link(**topic):
    """Link to the subscribe page, preselecting e.g. country=slovenia (empty values are left out)."""
    slug = getattr(topic.get("country"), "slug", topic.get("country"))
    topic["country"] = slug
    return {"query": urlencode({name: value for name, value in topic.items() if value})}
