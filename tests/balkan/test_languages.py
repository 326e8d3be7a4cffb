"""English and Japanese: the switcher keeps the page, content falls back to English, marked as such."""

import re

import pytest
from django.template import Context, Template
from django.utils import timezone, translation
from model_bakery import baker

from news.models import NewsItem
from search.index import rebuild

pytestmark = pytest.mark.django_db


def switcher_links(html):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group()
    return dict(re.findall(r'<a href="([^"]*)" hreflang="([^"]+)"', nav)[::1]), nav


@pytest.mark.parametrize(
    ("url", "other"),
    [
        ("/", "/ja/"),
        ("/ja/", "/"),
        ("/news/?country=slovenia&page=1", "/ja/news/?country=slovenia&page=1"),
        ("/ja/countries/slovenia/", "/countries/slovenia/"),
        ("/chronology/?category=visit", "/ja/chronology/?category=visit"),
        (
            "/ja/search/?q=%E3%82%B3%E3%82%BD%E3%83%9C&type=news",
            "/search/?q=%E3%82%B3%E3%82%BD%E3%83%9C&type=news",
        ),
        ("/about/", "/ja/about/"),
    ],
)
def test_the_language_switcher_keeps_the_page_and_its_query(
    client, make_country, make_news, make_category, site_pages, url, other
):
    make_country(name="Slovenia")
    make_news()
    make_category("visit")
    response = client.get(url)
    assert response.status_code == 200
    links, nav = switcher_links(response.content.decode())
    assert list(links) == [other.replace("&", "&amp;")]
    current = "日本語" if url.startswith("/ja/") else "English"
    assert (
        f'<span aria-current="true" lang="{"ja" if url.startswith("/ja/") else "en"}">{current}</span>' in nav
    )
    assert client.get(other).status_code == 200


def test_following_the_switcher_shows_the_page_in_the_other_language(client, site_pages):
    english = client.get("/about/").content.decode()
    links, _nav = switcher_links(english)
    japanese = client.get(next(iter(links)).replace("&amp;", "&"))
    assert japanese.status_code == 200
    assert '<html lang="ja">' in japanese.content.decode()


def render(template, **context):
    return Template("{% load balkan_tags %}" + template).render(Context(context))


def test_fallback_lang_marks_english_shown_in_place_of_japanese():
    page = baker.make("balkan.Page", key="about", title_en="About", title_ja="", body_en="<p>Hi</p>")
    with translation.override("ja"):
        assert render('<h1{% fallback_lang page "title" %}>{{ page.title }}</h1>', page=page) == (
            '<h1 lang="en">About</h1>'
        )
    with translation.override("en"):
        assert (
            render('<h1{% fallback_lang page "title" %}>{{ page.title }}</h1>', page=page) == "<h1>About</h1>"
        )


def test_fallback_lang_is_silent_when_the_translation_exists():
    page = baker.make("balkan.Page", key="about", title_en="About", title_ja="概要")
    with translation.override("ja"):
        assert (
            render('<h1{% fallback_lang page "title" %}>{{ page.title }}</h1>', page=page) == "<h1>概要</h1>"
        )


def test_fallback_lang_is_silent_when_neither_language_has_text():
    page = baker.make("balkan.Page", key="about", title_en="About", summary_en="", summary_ja="")
    with translation.override("ja"):
        assert render('<p{% fallback_lang page "summary" %}>', page=page) == "<p>"


def test_numbers_are_localised_in_both_languages(client):
    now = timezone.now()
    NewsItem.objects.bulk_create(
        NewsItem(title_en=f"Seismic {n}", slug=f"seismic-{n}", status="published", publish_at=now)
        for n in range(1001)
    )
    rebuild()
    english = client.get("/search/?q=seismic").content.decode()
    # A search ranks the newest 1,000 matches of each kind, and says there are more.
    assert "More than 1,000 results" in english
    assert "Page 1 of 100" in english
    japanese = client.get("/ja/search/?q=seismic").content.decode()
    assert re.search(r'<p class="search-summary" role="status">[^<]*1,000[^<]*</p>', japanese)
    assert '<span class="count">(1,000+)</span>' in japanese
