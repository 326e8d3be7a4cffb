"""Tags as readers of each language read them."""

from django import template

from news import models

register = template.Library()


@register.filter
def tag_name(tag):
    """Return the tag's name in the active language (its Japanese name under /ja/, when it has one)."""
    return models.tag_name(tag)
