"""The template helpers every page uses: rich text, links in other languages, canonical queries, JSON-LD."""

import json

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.utils import translation

from balkan.templatetags import balkan_tags as tags
from countries.models import Country


def render(source, **context):
    return Template("{% load balkan_tags %}" + source).render(Context(context))


def test_rich_text_is_sanitised_again_when_shown():
    html = render("{{ body|richtext }}", body='<p onclick="x()">Hi</p><script>alert(1)</script>')
    assert html == "<p>Hi</p>"


def test_a_page_in_another_language_keeps_its_query(rf):
    request = rf.get("/news/?country=slovenia")
    assert tags.url_in_language({"request": request}, "ja") == "/ja/news/?country=slovenia"


def test_the_canonical_address_keeps_the_filters_and_page_and_drops_tracking(rf, settings):
    settings.SITE_URL = "https://balkan.example"
    request = rf.get("/news/?country=slovenia&utm_source=mail&page=3")
    page = Paginator(range(100), 10).page(3)
    context = {"request": request, "filters": {"country": "slovenia"}, "page_obj": page}
    assert (
        tags.absolute_url_in_language(context, "ja")
        == "https://balkan.example/ja/news/?country=slovenia&page=3"
    )
    first = {"request": rf.get("/news/?page=1"), "page_obj": Paginator(range(100), 10).page(1)}
    assert tags.canonical_query(first) == ""


def test_a_query_with_changes_replaces_removes_and_keeps_in_order(rf):
    context = {"request": rf.get("/news/?tag=culture&page=2&country=serbia")}
    assert tags.query_with(context, page=3) == "?country=serbia&page=3&tag=culture"
    assert tags.query_with(context, page=None, tag="") == "?country=serbia"
    assert tags.query_with({"request": rf.get("/news/?page=2")}, page=None) == "?"
    assert tags.page_url(context, 1) == "?country=serbia&tag=culture"


def test_json_ld_cannot_close_its_script_element():
    html = str(tags.json_ld({"name": "</script><script>alert(1)</script> & more"}))
    body = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in body and ">" not in body
    assert json.loads(body) == {"name": "</script><script>alert(1)</script> & more"}


@pytest.mark.parametrize(("code", "locale"), [("en", "en_GB"), ("ja", "ja_JP"), ("de", "de")])
def test_open_graph_locales_name_a_territory_where_known(code, locale):
    assert tags.og_locale(code) == locale


@pytest.mark.django_db
def test_english_shown_in_place_of_missing_japanese_is_marked_as_english():
    country = Country(name_en="Slovenia", name_ja="", summary_en="Alps.", summary_ja="アルプス。")
    with translation.override("ja"):
        assert tags.fallback_lang(country, "name") == ' lang="en"'
        assert tags.fallback_lang(country, "summary") == ""
    with translation.override("en"):
        assert tags.fallback_lang(country, "name") == ""


def test_long_page_ranges_are_elided():
    page = Paginator(range(200), 10).page(10)
    ellipsis = Paginator.ELLIPSIS
    assert list(tags.page_range(page)) == [1, ellipsis, 9, 10, 11, ellipsis, 20]


def test_the_oembed_link_names_the_page_and_is_absolute(settings):
    settings.SITE_URL = "https://balkan.example"
    html = str(tags.oembed_link("https://balkan.example/countries/slovenia/", 'Slovenia "&" Japan'))
    assert (
        'href="https://balkan.example/oembed?url=https%3A%2F%2Fbalkan.example%2Fcountries%2Fslovenia%2F'
        in html
    )
    assert "format=json" in html and "&quot;&amp;&quot;" in html
