"""Template helpers for the staff admin's own pages."""

from django import template
from django.contrib.admin.templatetags.base import InclusionAdminNode

from core.admin import date_hierarchy

from ..attention import needs_attention

register = template.Library()


@register.inclusion_tag("admin/includes/attention.html", takes_context=True)
def attention_panel(context):
    """Render what needs the signed-in editor's attention, for the admin's front page."""
    return {"lists": needs_attention(context["request"].user)}


@register.tag(name="date_hierarchy_by_period")
def date_hierarchy_by_period(parser, token):
    """`{% date_hierarchy_by_period cl %}`: Django's date drill-down, reading a row or so per period shown."""
    return InclusionAdminNode(
        parser, token, func=date_hierarchy, template_name="date_hierarchy.html", takes_context=False
    )
