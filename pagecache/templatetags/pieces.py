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
from django.template.loader import get_template
from django.utils import translation

from pagecache import fragments

register = template.Library()

SIMPLE = (str, int, bool, type(None))


@register.simple_tag(takes_context=True)
def piece(context, template_name, key, **values):
    versions = context.render_context.setdefault("pagecache_piece_versions", {})
    # Read once per page, or once per key for a piece with generations of its own (a story's).
    read = (template_name, key) if fragments.per_key(template_name) else template_name
    if read not in versions:
        versions[read] = fragments.versions(template_name, key)
    shape = tuple(sorted((name, value) for name, value in values.items() if isinstance(value, SIMPLE)))
    identity = (template_name, translation.get_language(), key, shape)

    def render():
        fragments.complete(values.values())
        return get_template(template_name).render(values)

    return fragments.piece(identity, None if key is None else versions[read], render)
