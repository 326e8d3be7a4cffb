"""The demo content is findable by the names readers look for, in English and Japanese.

These tests load the demo on purpose: they check that what the network
publishes can be found, on SQLite and on PostgreSQL alike.
"""

import re

import pytest
from django.core.management import call_command
from django.utils import translation

from chronology.models import ChronologyEntry
from countries.models import Country
from news.models import NewsItem
from partners.models import PartnerOrganisation


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def first_page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.context["results"]


def news(slug, language=""):
    return f"{language}/news/{slug}/"


def entry(ref, language=""):
    return f"{language}/chronology/#entry-{ref}"


# query: (the item expected first, items expected on the first page as well)
ENGLISH = {
    "Veliko Tarnovo": (
        news("seismic-risk-workshop-veliko-tarnovo-2022"),
        [entry("bg-2022-seismic-workshop")],
    ),
    "MIRAI": (news("mirai-2022-2023-final-reporting-session"), [entry("wb-2023-mirai-final-session")]),
    "Kono": (entry("si-2019-kono-visit"), [news("slovenian-and-japanese-foreign-ministers-meet")]),
    "cherry": (entry("si-1999-cherry-trees"), []),
    "Sopaj": (news("courtesy-call-embassy-of-kosovo"), []),
    "119": (news("slovenian-and-japanese-foreign-ministers-meet"), []),
}


def test_english_names_find_the_expected_demo_items_first(client, demo):
    failures = {}
    for query, (first, also) in ENGLISH.items():
        urls = [result.url for result in first_page(client, f"/search/?q={query}")]
        if not urls or urls[0] != first or not set(also) <= set(urls):
            failures[query] = urls
    assert failures == {}


JAPANESE = {
    "コソボ": [
        "/ja/countries/kosovo/",
        news("courtesy-call-embassy-of-kosovo", "/ja"),
        news("japan-welcomes-serbia-kosovo-dialogue-in-brussels", "/ja"),
        entry("xk-2009-relations", "/ja"),
        entry("rs-xk-2023-brussels-dialogue", "/ja"),
        "/ja/partners/embassy-of-kosovo-in-japan/",
    ],
    "ルーマニア": [
        "/ja/countries/romania/",
        news("exploring-japan-romania-partnerships", "/ja"),
        entry("ro-1921-relations", "/ja"),
        entry("ro-2023-strategic-partnership", "/ja"),
        "/ja/partners/embassy-of-romania-in-japan/",
    ],
    "地震": [
        news("seismic-risk-workshop-veliko-tarnovo-2022", "/ja"),
        entry("bg-2022-seismic-workshop", "/ja"),
        entry("bg-2019-first-seismic-seminar", "/ja"),
    ],
}


def japanese_title(url):
    """Return the Japanese title of the record at `url` (a /ja/ address)."""
    with translation.override("ja"):
        if "/chronology/" in url:
            return ChronologyEntry.objects.get(ref=url.split("#entry-")[1]).title_ja
        slug = url.rstrip("/").rsplit("/", 1)[1]
        model = {"news": NewsItem, "countries": Country, "partners": PartnerOrganisation}[url.split("/")[2]]
        record = model.objects.get(slug=slug)
        return record.title_ja if model is NewsItem else record.name_ja


def test_japanese_queries_find_the_japanese_versions(client, demo):
    for query, expected in JAPANESE.items():
        results = first_page(client, f"/ja/search/?q={query}")
        shown = {result.url: result for result in results}
        assert set(expected) <= set(shown), query
        for url in expected:
            result = shown[url]
            assert result.lang == ""  # shown in Japanese, not as an English fall-back
            assert re.sub(r"</?mark>", "", str(result.title)) == japanese_title(url)
        # The query's word is marked wherever it appears in a Japanese title.
        assert any(f"<mark>{query}</mark>" in str(result.title) for result in results), query


def test_a_japanese_query_on_the_english_site_finds_the_english_versions(client, demo):
    urls = [result.url for result in first_page(client, "/search/?q=コソボ")]
    assert "/countries/kosovo/" in urls
    assert news("courtesy-call-embassy-of-kosovo") in urls
    html = client.get("/search/?q=コソボ").content.decode()
    assert "Courtesy call to the Embassy of Kosovo in Japan" in html
