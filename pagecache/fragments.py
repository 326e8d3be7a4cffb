"""Pieces of pages that many pages and many misses repeat, rendered once per process and generation.

A chronology entry, or a news card, is the same HTML on every page that shows
it (the whole timeline, each country's and category's slice, each filter a
crawler walks): when a page is rendered afresh, its pieces are taken from this
process's memory if none of the generations they depend on has been renewed
since they were made. The generations are those of the page cache
(`pagecache.generations`), read once per page; a piece is never kept while the
shared cache is down (no generations to trust) nor inside a rolled-back preview
(`store.sandbox()`), whose content is not the public one.
"""

import threading

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.template.loader import get_template
from django.utils import translation

from core import renditions

from . import generations as g
from . import store

# What each piece shows, as generations: a piece is made again once one of them is renewed.
PIECES = {
    "chronology/_entry.html": (g.EVERY_PAGE, g.CHRONOLOGY, g.COUNTRIES, g.NEWS),
    "news/_card.html": (g.EVERY_PAGE, g.NEWS, g.COUNTRIES),
    # The lists' filter forms: their choices are the published countries (and the chronology's categories).
    "news/_filters.html": (g.EVERY_PAGE, g.COUNTRIES),
    "chronology/_filters.html": (g.EVERY_PAGE, g.COUNTRIES, g.CHRONOLOGY),
    # The next events, of the network or of a country (keyed by the day, too: events end).
    "events/_upcoming.html": (g.EVERY_PAGE, g.NEWS, g.CHRONOLOGY, g.COUNTRIES),
    # Every page's footer (keyed by the year it shows).
    "includes/footer.html": (g.EVERY_PAGE,),
    # The home page's lists of countries and of partners.
    "balkan/_countries.html": (g.EVERY_PAGE, g.COUNTRIES),
    "balkan/_partners.html": (g.EVERY_PAGE, g.PARTNERS),
    # A country's profile: its record, trade, embassies and documents; its partner organisations.
    "countries/_profile.html": (g.EVERY_PAGE, g.COUNTRY),
    "countries/_partners.html": (g.EVERY_PAGE, g.COUNTRY_PROFILE, g.PARTNERS),
    # A story as its page shows it (not its related news), keyed by its slug: NEWS_ITEM(slug); and its
    # JSON-LD (it names the story's countries).
    "news/_article.html": (g.EVERY_PAGE, g.NEWS_ITEM, g.COUNTRIES, g.PARTNERS),
    "news/_structured_data.html": (g.EVERY_PAGE, g.NEWS_ITEM, g.COUNTRIES),
}
# Where an object keeps the prefetch its pieces need (see prefetch_when_made).
PENDING = "_prefetch_for_pieces"

_pieces = {}
_characters = 0  # of every piece kept
_lock = threading.Lock()


def per_key(template_name):
    """Return True if the piece `template_name` depends on a generation of its key's own (a Family)."""
    return any(isinstance(name, g.Family) for name in _names(template_name))


def _names(template_name):
    try:
        return PIECES[template_name]
    except KeyError:
        raise ValueError(
            f"{template_name} is not a piece: say what it shows in pagecache.fragments.PIECES"
        ) from None


def versions(template_name, key=None):
    """Return the version of what the piece `template_name` shows to make it under, or None (make it afresh).

    A Family among its generations stands for the one of `key` (a slug).
    """
    names = [name(key) if isinstance(name, g.Family) else name for name in _names(template_name)]
    if not settings.PAGE_FRAGMENTS or store.sandboxed():
        return None
    current = store.tokens(names)
    if current is None:
        return None
    return tuple(sorted(current.items()))


def render(context, template_name, key, make_values, shape=()):
    """Return the piece `template_name` for `key` in the active language, made from make_values() if need be.

    `context` is the page's template context (the generations are read once per
    page, or once per key for a piece with generations of its own); `shape` holds
    what else, beside the key, changes the HTML (a heading level). A key of None
    makes the piece afresh, kept nowhere.
    """
    known = context.render_context.setdefault("pagecache_piece_versions", {})
    read = (template_name, key) if per_key(template_name) else template_name
    if read not in known:
        known[read] = versions(template_name, key)
    identity = (template_name, translation.get_language(), key, shape)

    def make():
        values = make_values()
        complete(values.values())
        return get_template(template_name).render(values)

    return piece(identity, None if key is None else known[read], make)


def piece(key, version, render):
    """Return render() as made for `key` under `version` (from `versions`), made now if this process has none."""
    if version is None:
        return render()
    global _characters
    found = _pieces.get((key, version))
    if found is None:
        shown_originals = renditions.fallbacks()
        found = render()
        if renditions.fallbacks() != shown_originals:
            return found  # a picture could not be made: try again next time rather than keep it
        with _lock:
            # Start again rather than grow: a crawler walking every story must not fill the memory.
            full = _characters + len(found) > settings.PAGE_FRAGMENTS_MAX_CHARACTERS
            if full or len(_pieces) >= settings.PAGE_FRAGMENTS_LIMIT:
                _pieces.clear()
                _characters = 0
            _pieces[(key, version)] = found
            _characters += len(found)
    return found


class _Prefetch:
    """The prefetches of a list of objects, made once, when the first of their pieces is made."""

    def __init__(self, objects, lookups):
        self.objects, self.lookups, self.done = objects, lookups, False

    def __call__(self):
        if not self.done:
            self.done = True
            prefetch_related_objects(self.objects, *self.lookups)


def prefetch_when_made(objects, *lookups):
    """Return `objects` as a list whose `lookups` are prefetched only if one of their pieces must be made.

    A page whose pieces this process keeps reads nothing more; the first piece
    made prefetches the lookups for every object of the list at once (one query
    per lookup, as prefetch_related would have), so the count stays fixed.
    """
    objects = list(objects)
    pending = _Prefetch(objects, lookups)
    for obj in objects:
        setattr(obj, PENDING, pending)
    return objects


def complete(values):
    """Make the prefetches the objects among `values` wait for (before their piece is rendered)."""
    for value in values:
        pending = getattr(value, PENDING, None)
        if pending is not None:
            pending()


def forget():
    """Drop every piece this process holds (tests do, between cases)."""
    global _characters
    with _lock:
        _pieces.clear()
        _characters = 0
