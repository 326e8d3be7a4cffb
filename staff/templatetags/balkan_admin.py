"""Template helpers for the staff admin's own pages."""

from django import template

from ..attention import needs_attention

register = template.Library()


@register.inclusion_tag("admin/includes/attention.html", takes_context=True)
def attention_panel(context):
    """Render what needs the signed-in editor's attention, for the admin's front page."""
    return {"lists": needs_attention(context["request"].user)}
