"""Every generation a page can depend on: the one list views declare and changes bump.

| generation | covers | pages that show it |
| --- | --- | --- |
| EVERY_PAGE | the templates of a release | every page (bumped by `migrate`) |
| NEWS | which stories are public, in what order | home, news list, news feeds, sitemap, search |
| NEWS_ITEM(slug) | one story, its gallery and tags | the story's page, stories listing it as related |
| COUNTRIES | every country's name, flag, publication | pages that name countries |
| COUNTRY(slug) | one country's record, trade and embassies | its profile, embed, card, QR code, feed |
| COUNTRY_NEWS(slug) | the public news about a country | its profile and feed; related news on its stories |
| COUNTRY_PROFILE(slug) | the chronology and partners on a country's profile | its profile |
| CHRONOLOGY | the chronology | home, chronology, search, sitemap |
| PARTNERS | partner organisations | home, partner list, pages naming partners, search |
| PARTNER(slug) | one partner and its news | its page |
| SITE | quotes, about and contact pages | home, about, contact, sitemap |
| SEARCH | the search index as a whole (`rebuild_search_index`) | search |

A name outside this list is refused by `bump()` and by a view's declaration,
so a typo fails at once instead of leaving a page that never refreshes.
"""

EVERY_PAGE = "every-page"
NEWS = "news"
COUNTRIES = "countries"
CHRONOLOGY = "chronology"
PARTNERS = "partners"
SITE = "site"
SEARCH = "search"
CONSTANTS = frozenset({EVERY_PAGE, NEWS, COUNTRIES, CHRONOLOGY, PARTNERS, SITE, SEARCH})


class Family:
    """The generations of single records: `COUNTRY("slovenia")` is "country:slovenia"."""

    def __init__(self, prefix):
        self.prefix = prefix

    def __call__(self, slug):
        return f"{self.prefix}:{slug}"

    def __repr__(self):
        return f"Family({self.prefix!r})"

    def many(self, slugs):
        """Return the generations of every record in `slugs`."""
        return {self(slug) for slug in slugs}


NEWS_ITEM = Family("news")
COUNTRY = Family("country")
COUNTRY_NEWS = Family("country-news")
COUNTRY_PROFILE = Family("country-profile")
PARTNER = Family("partner")
FAMILIES = (NEWS_ITEM, COUNTRY, COUNTRY_NEWS, COUNTRY_PROFILE, PARTNER)
_BY_PREFIX = {family.prefix: family for family in FAMILIES}


def kind_of(name):
    """Return the constant or the Family that `name` belongs to; ValueError for a name not on the list."""
    if name in CONSTANTS:
        return name
    prefix, colon, slug = name.partition(":")
    if colon and slug and prefix in _BY_PREFIX:
        return _BY_PREFIX[prefix]
    raise ValueError(f"{name!r} is not a generation of the page cache (see pagecache/generations.py)")


def for_url(dependency, kwargs):
    """Return the generation a view's declared `dependency` names at a URL with captured `kwargs`."""
    return dependency(kwargs["slug"]) if isinstance(dependency, Family) else dependency
