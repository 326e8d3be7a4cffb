"""Every published profile of the demo content previews well on social networks and search engines.

These tests read the demo content on purpose (call_command("load_demo")): the
profiles embassies share are the ones it ships.
"""

import io
import json

import pytest
from PIL import Image

from tests.helpers.linked_data import SITE_URL, answers, urls_in

pytestmark = pytest.mark.django_db

OPEN_GRAPH = [
    "og:site_name",
    "og:type",
    "og:title",
    "og:description",
    "og:url",
    "og:locale",
    "og:image",
    "og:image:type",
    "og:image:width",
    "og:image:height",
    "og:image:alt",
]
TWITTER = ["twitter:card", "twitter:title", "twitter:description", "twitter:image", "twitter:image:alt"]


@pytest.mark.parametrize("prefix", ["", "/ja"])
def test_every_demo_profile_has_all_social_tags_with_absolute_urls_that_answer(
    client, demo_countries, read_page, prefix
):
    assert len(demo_countries) >= 12
    fetched = {}
    for country in demo_countries:
        path = f"{prefix}/countries/{country.slug}/"
        page = read_page(client.get(path).content.decode())
        canonical = SITE_URL + path

        for name in OPEN_GRAPH + TWITTER:
            assert page.first(name).strip(), f"{path}: {name} is missing or empty"
        assert page.first("og:url") == canonical
        assert page.first("twitter:card") == "summary_large_image"
        assert page.first("og:image") == page.first("twitter:image")
        assert page.first("og:image").startswith(f"{canonical}card.png?v=")
        assert page.first("og:locale") == ("ja_JP" if prefix else "en_GB")
        assert page.link("canonical") == [canonical]
        alternates = {lang: page.link("alternate", hreflang=lang) for lang in ("en", "ja", "x-default")}
        assert alternates == {
            "en": [f"{SITE_URL}/countries/{country.slug}/"],
            "ja": [f"{SITE_URL}/ja/countries/{country.slug}/"],
            "x-default": [f"{SITE_URL}/countries/{country.slug}/"],
        }

        urls = [page.first("og:url"), page.first("og:image"), page.first("twitter:image")]
        urls += page.link("canonical") + [href for hrefs in alternates.values() for href in hrefs]
        for url in urls:
            if url not in fetched:
                fetched[url] = answers(client, url)
            assert fetched[url].status_code == 200, url
        card = fetched[page.first("og:image")]
        assert card["Content-Type"] == "image/png"
        assert Image.open(io.BytesIO(card.content)).size == (1200, 630)


@pytest.mark.parametrize("prefix", ["", "/ja"])
def test_every_demo_profile_has_valid_json_ld_about_the_country(client, demo_countries, read_page, prefix):
    for country in demo_countries:
        path = f"{prefix}/countries/{country.slug}/"
        page = read_page(client.get(path).content.decode())
        blocks = [s for s in page.scripts if s["attrs"].get("type") == "application/ld+json"]
        assert len(blocks) == 1, path
        data = json.loads(blocks[0]["text"])
        assert data["@context"] == "https://schema.org"
        nodes = {node["@type"]: node for node in data["@graph"]}
        assert set(nodes) == {"WebPage", "Country", "BreadcrumbList"}

        page_node, place, crumbs = nodes["WebPage"], nodes["Country"], nodes["BreadcrumbList"]
        assert page_node["url"] == SITE_URL + path
        assert page_node["about"] == {"@id": place["@id"]}
        assert page_node["breadcrumb"] == {"@id": crumbs["@id"]}
        assert page_node["inLanguage"] == ("ja" if prefix else "en")
        assert place["name"] == page.first("og:title").split(" · ")[0]
        assert place["identifier"] == country.iso_code
        assert [item["position"] for item in crumbs["itemListElement"]] == [1, 2, 3]
        assert crumbs["itemListElement"][-1]["item"] == SITE_URL + path
        for url in set(urls_in(data)):
            assert answers(client, url).status_code == 200, url
