"""{% piece %}: an include whose HTML is kept per process until a generation it depends on is renewed.

    {% load pieces %}
    {% piece "chronology/_entry.html" entry.pk entry=entry level=4 %}

renders chronology/_entry.html with `entry` and `level` (and nothing else of the page:
a piece must read nothing of the request) once per entry, language, level and version
of the generations the piece shows (`PIECES` in pagecache/fragments.py). A key of None
means "not worth keeping" (a filter form showing errors): the piece is made afresh.
Objects listed with `fragments.prefetch_when_made` get their prefetches only when a
piece is made.
"""

from django import template

from pagecache import fragments

register = template.Library()

SIMPLE = (str, int, bool, type(None))


@register.simple_tag(takes_context=True)
def piece(context, template_name, key, **values):
    shape = tuple(sorted((name, value) for name, value in values.items() if isinstance(value, SIMPLE)))
    return fragments.render(context, template_name, key, lambda: values, shape)
