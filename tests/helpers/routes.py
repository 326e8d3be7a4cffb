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
