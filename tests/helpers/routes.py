"""The public routes of the URL contract that the security tests ask for."""

HTML_PATHS = [
    "/",
    "/news/",
    "/news/visit-to-belgrade/",
    "/countries/",
    "/countries/serbia/",
    "/chronology/",
    "/partners/",
    "/partners/embassy-of-serbia/",
    "/search/",
    "/about/",
    "/contact/",
]


# Every public route of PRODUCT.md's table (and the site's own pages), English and Japanese.
HTML_PATHS += ["/ja" + path for path in HTML_PATHS]

OTHER_PATHS = [
    "/news/feed/",
    "/countries/serbia/feed/",
    "/countries/serbia/card.png",
    "/countries/serbia/qr.svg",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz",
    # The read API (api/): JSON in every language at one address (?lang=ja).
    "/api/v1/news/",
    "/api/v1/news/visit-to-belgrade/",
    "/api/v1/countries/",
    "/api/v1/countries/serbia/",
    "/api/v1/chronology/",
    "/api/v1/partners/",
    "/api/v1/partners/embassy-of-serbia/",
    "/api/v1/openapi.json",
    "/api/v1/docs/",
]


EMBED_PATH = "/countries/serbia/embed/"


# What the page cache stores: every public route of the contract, in both languages, with parameters.
CACHED_SITE_PATHS = [
    "/",
    "/news/",
    "/news/?country=serbia",
    "/news/visit-to-belgrade/",
    "/news/feed/",
    "/news/feed/atom/",
    "/news/tags/culture/feed/",
    "/countries/",
    "/countries/serbia/",
    "/countries/serbia/embed/",
    "/countries/serbia/feed/",
    "/countries/serbia/feed/atom/",
    "/chronology/",
    "/chronology/?category=visit",
    "/partners/",
    "/partners/embassy-of-serbia/",
    "/search/?q=Belgrade",
    "/about/",
    "/contact/",
]
CACHED_PATHS = [
    *CACHED_SITE_PATHS,
    *("/ja" + path for path in CACHED_SITE_PATHS),
    "/countries/serbia/card.png",
    "/countries/serbia/qr.svg",
    "/countries/serbia/qr.png",
    "/sitemap.xml",
    "/robots.txt",
]
