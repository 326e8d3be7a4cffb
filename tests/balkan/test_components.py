"""The shared page components: pagination, breadcrumbs, dates, header, footer and the error pages."""

import re

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string


def pagination_links(html):
    nav = re.search(r'<nav class="pagination".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a (?:rel="(\w+)" )?href="([^"]*)"[^>]*>([^<]+)</a>', nav), nav


@pytest.mark.django_db
def test_pagination_numbers_the_pages_and_keeps_the_filters(client, make_news):
    for _ in range(101):
        make_news(kind="event")

    links, nav = pagination_links(client.get("/news/?kind=event&page=3").content.decode())

    assert [(rel, href) for rel, href, _ in links if rel] == [
        ("prev", "?kind=event&amp;page=2"),
        ("next", "?kind=event&amp;page=4"),
    ]
    # Six pages: the first, the neighbours of the current one, the last; the gaps elided.
    assert [text for rel, _, text in links if not rel] == ["1", "2", "4", "5", "6"]
    assert '<span class="pagination__current" aria-current="page">3</span>' in nav
    assert ("", "?kind=event", "1") in links, "page 1 has no page parameter"
    assert "Page 3 of 6" in nav


@pytest.mark.django_db
def test_long_lists_elide_the_pages_in_between(client, make_news):
    for _ in range(20 * 12):
        make_news()

    links, nav = pagination_links(client.get("/news/?page=6").content.decode())

    assert [text for rel, _, text in links if not rel] == ["1", "5", "7", "12"]
    assert nav.count('class="pagination__gap"') == 2


@pytest.mark.django_db
def test_a_single_page_has_no_pagination(client, make_news):
    make_news()
    assert 'class="pagination"' not in client.get("/news/").content.decode()


@pytest.mark.django_db
def test_breadcrumbs_lead_home_through_the_section_to_the_current_page(client, make_news):
    make_news(title="Cherry trees bloom", slug="cherry-trees")

    html = client.get("/news/cherry-trees/").content.decode()

    crumbs = re.search(r'<nav class="breadcrumbs" aria-label="Breadcrumbs">(.*?)</nav>', html, re.S).group(1)
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', crumbs) == [("/", "Home"), ("/news/", "News")]
    assert '<span aria-current="page">Cherry trees bloom</span>' in crumbs


@pytest.mark.django_db
def test_every_page_has_a_skip_link_header_main_and_footer(client, site_pages):
    html = client.get("/about/").content.decode()
    assert (
        html.index('class="skip-link" href="#main"') < html.index("<header") < html.index('<main id="main"')
    )
    assert html.index('<main id="main"') < html.index('<footer class="site-footer">')
    assert 'aria-label="Main"' in html and '<summary class="menu__toggle">' in html
    assert '<a href="/about/" aria-current="page">About</a>' in html


@pytest.mark.django_db
def test_the_japanese_pages_say_so_and_link_to_english(client, site_pages):
    html = client.get("/ja/about/").content.decode()
    assert '<html lang="ja">' in html
    assert 'hreflang="en" lang="en">English</a>' in html


@pytest.mark.django_db
def test_missing_pages_are_404s_with_the_site_around_them_and_a_search(client):
    response = client.get("/ja/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="ja">' in html and 'class="site-header"' in html and 'class="site-footer"' in html
    assert 'action="/ja/search/"' in html and 'role="search"' in html


@pytest.mark.parametrize(("template", "code"), [("500.html", "500"), ("503.html", "503")])
def test_server_error_pages_stand_alone_in_both_languages(template, code):
    # Rendered without a request or database: they must work when everything else fails.
    html = render_to_string(template)
    assert f"Error {code}" in html and '<html lang="en">' in html
    assert '<div lang="ja">' in html
    assert "css/site" in html and "img/mark" in html


def test_breadcrumbs_include_takes_a_section_and_the_current_page():
    html = Template(
        '{% include "includes/breadcrumbs.html" with section="partners" current="ODACO" %}'
    ).render(Context({}))
    assert re.findall(r'<a href="([^"]+)">', html) == ["/", "/partners/"]
    assert '<span aria-current="page">ODACO</span>' in html


@pytest.mark.django_db
def test_cards_mark_english_shown_in_place_of_missing_japanese(client, make_news, make_country):
    make_news(title="Only in English", summary="No translation yet.")
    make_news(title="Both languages", title_ja="両方の言語", summary="In both.", summary_ja="両方。")
    make_country(name="Slovenia", name_ja="スロベニア", summary="On the Adriatic.")

    news = client.get("/ja/news/").content.decode()
    countries = client.get("/ja/countries/").content.decode()

    assert re.search(r'class="card__title" lang="en"><a [^>]*>Only in English<', news)
    assert re.search(r'class="card__summary" lang="en">No translation yet\.<', news)
    assert re.search(r'class="card__title"><a [^>]*>両方の言語<', news)
    assert re.search(r">スロベニア</a>", countries) and 'lang="en">On the Adriatic.<' in countries
