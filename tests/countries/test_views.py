import datetime
import re
from decimal import Decimal
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.utils import timezone

from countries.models import Country, Embassy, TradeFigure

pytestmark = pytest.mark.django_db


def between(html, start, end):
    """Return the part of `html` from the first `start` to the next `end`."""
    begin = html.index(start)
    return html[begin : html.index(end, begin) + len(end)]


def test_chart_svg_and_table_show_slovenias_exports_and_imports(client, slovenia):
    html = client.get("/countries/slovenia/").content.decode()
    svg = between(html, '<svg class="chart__svg"', "</svg>")
    table = between(html, '<table class="data-table"', "</table>")
    for text in (svg, table):
        assert "EUR 119 million" in text
        assert "EUR 86 million" in text
    assert re.search(r"<th scope=\"row\">2018</th><td>EUR 119 million</td><td>EUR 86 million</td>", table)
    # The bars are drawn to scale: exports 119, imports 86.
    heights = {
        series: float(height)
        for series, height in re.findall(r'chart__bar--(\w+)"[^>]*height="([\d.]+)"', svg)
    }
    assert heights["exports"] / heights["imports"] == pytest.approx(119 / 86, rel=0.01)
    assert 'role="img"' in svg and "<desc" in svg


def test_chart_shows_every_year_in_order_and_the_table_names_the_source(client, slovenia):
    TradeFigure.objects.create(
        country=slovenia,
        year=2016,
        exports_to_japan=Decimal("98.5"),
        imports_from_japan=Decimal("1234"),
        source_url="https://stat.si/",
        source="SURS",
    )
    html = client.get("/countries/slovenia/").content.decode()
    table = between(html, '<table class="data-table"', "</table>")
    assert table.index(">2016<") < table.index(">2018<")
    assert "EUR 98.5 million" in table and "EUR 1,234 million" in table
    assert '<a href="https://stat.si/">SURS</a>' in table
    svg = between(html, '<svg class="chart__svg"', "</svg>")
    assert svg.count('class="chart__bar ') == 4


def test_one_source_for_every_year_is_named_under_the_table(client, slovenia):
    html = client.get("/countries/slovenia/").content.decode()
    table = between(html, '<table class="data-table"', "</table>")
    assert ">Source<" not in table
    assert '<p class="source">Source: Ministry of Foreign Affairs of the Republic of Slovenia</p>' in html


def test_profile_without_trade_figures_has_no_chart(client, make_country):
    make_country(name="Kosovo", slug="kosovo", iso_code="XK")
    html = client.get("/countries/kosovo/").content.decode()
    assert "chart__svg" not in html and "data-table" not in html


@pytest.mark.parametrize(
    "date, precision, shown, machine",
    [
        (datetime.date(1921, 1, 1), "year", "1921", "1921"),
        (datetime.date(1922, 4, 1), "month", "April 1922", "1922-04"),
        (datetime.date(1992, 10, 12), "day", "12 October 1992", "1992-10-12"),
    ],
)
def test_relations_are_shown_as_precisely_as_they_are_known(
    client, make_country, date, precision, shown, machine
):
    make_country(
        name="Romania", slug="romania", relations_established=date, relations_established_precision=precision
    )
    html = client.get("/countries/romania/").content.decode()
    assert f'<time datetime="{machine}">{shown}</time>' in html


def test_profile_shows_both_embassies_with_address_website_and_map(client, slovenia):
    Embassy.objects.create(
        country=slovenia,
        kind="in_japan",
        name="Embassy of the Republic of Slovenia in Japan",
        address="7-14 Akasaka, Minato-ku\nTokyo",
        website="https://tokyo.embassy.si/",
        map_url="https://maps.example/slovenia-embassy",
    )
    Embassy.objects.create(
        country=slovenia,
        kind="of_japan",
        name="Embassy of Japan in Slovenia",
        address="Trg republike 3, Ljubljana",
        website="https://www.si.emb-japan.go.jp/",
    )
    html = client.get("/countries/slovenia/").content.decode()
    section = between(html, '<section aria-labelledby="embassies-title">', "</section>")
    assert "Embassy of the Republic of Slovenia in Japan" in section
    assert "Embassy of Japan in Slovenia" in section
    assert "7-14 Akasaka, Minato-ku<br>Tokyo" in section
    assert (
        'href="https://tokyo.embassy.si/"' in section and 'href="https://www.si.emb-japan.go.jp/"' in section
    )
    assert 'href="https://maps.example/slovenia-embassy"' in section
    # Without a map link, a map search for the address is linked.
    search = re.search(r'href="(https://www\.openstreetmap\.org/search\?[^"]+)"', section).group(1)
    assert parse_qs(urlsplit(search.replace("&amp;", "&")).query)["query"] == ["Trg republike 3, Ljubljana"]


def test_profile_shows_the_countrys_latest_news_chronology_and_partners(
    client, slovenia, make_country, make_news, make_entry, make_partner
):
    other = make_country(name="Serbia", slug="serbia", iso_code="RS")
    news = [make_news(title=f"Slovenian story {n}", countries=[slovenia]) for n in range(6)]
    make_news(title="Serbian story", countries=[other])
    make_news(title="Draft story", countries=[slovenia], status="draft")
    make_news(
        title="Scheduled story", countries=[slovenia], publish_at=timezone.now() + datetime.timedelta(days=1)
    )
    entries = [
        make_entry(title=f"Event {year}", date=datetime.date(year, 1, 1), countries=[slovenia])
        for year in range(1990, 2000)
    ]
    make_entry(title="Hidden event", countries=[slovenia], is_published=False)
    make_partner(name="University of Ljubljana", country=slovenia)
    make_partner(name="Former partner", country=slovenia, is_published=False)
    make_partner(name="University of Belgrade", country=other)

    html = client.get("/countries/slovenia/").content.decode()
    # The four newest stories, newest first.
    shown = re.findall(r"Slovenian story \d", html)
    assert shown == [item.title for item in news[:4]]
    for title in ("Serbian story", "Draft story", "Scheduled story", "Hidden event", "Former partner"):
        assert title not in html
    assert 'href="/news/?country=slovenia"' in html
    # The eight latest entries, in the order they happened.
    assert re.findall(r"Event \d{4}", html) == [entry.title for entry in entries[2:]]
    assert 'href="/chronology/?country=slovenia"' in html
    assert "University of Ljubljana" in html and "University of Belgrade" not in html


def test_profile_in_japanese_shows_the_japanese_content(client, make_country):
    make_country(
        name="Slovenia",
        name_ja="スロベニア",
        slug="slovenia",
        iso_code="SI",
        summary="Between the Alps and the Adriatic.",
        summary_ja="アルプスとアドリア海の間。",
        overview="<p>Relations since 1992.</p>",
        overview_ja="<p>1992年に外交関係を樹立。</p>",
    )
    response = client.get("/ja/countries/slovenia/")
    html = response.content.decode()
    assert '<html lang="ja">' in html
    assert '<h1 id="profile-title">スロベニア</h1>' in html
    assert '<p class="profile__other-name" lang="en">Slovenia</p>' in html
    assert "アルプスとアドリア海の間。" in html and "1992年に外交関係を樹立。" in html
    english = client.get("/countries/slovenia/").content.decode()
    assert '<p class="profile__other-name" lang="ja">スロベニア</p>' in english


def test_changed_slug_redirects_the_profile_and_its_pictures(client, slovenia):
    slovenia.slug = "republic-of-slovenia"
    slovenia.save()
    for old, new in [
        ("/countries/slovenia/", "/countries/republic-of-slovenia/"),
        ("/countries/slovenia/embed/", "/countries/republic-of-slovenia/embed/"),
        ("/countries/slovenia/card.png", "/countries/republic-of-slovenia/card.png"),
        ("/countries/slovenia/qr.svg", "/countries/republic-of-slovenia/qr.svg"),
        ("/countries/slovenia/qr.png", "/countries/republic-of-slovenia/qr.png"),
    ]:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new)


@pytest.mark.parametrize("suffix", ["", "embed/", "card.png", "qr.svg", "qr.png", "feed/"])
def test_unknown_or_unpublished_country_is_404_on_every_route(client, make_country, suffix):
    make_country(name="Japan", slug="japan", iso_code="JP", is_published=False)
    assert client.get(f"/countries/japan/{suffix}").status_code == 404
    assert client.get(f"/countries/atlantis/{suffix}").status_code == 404


def test_unpublished_country_is_not_listed(client, make_country):
    make_country(name="Japan", slug="japan", iso_code="JP", is_published=False)
    assert list(client.get("/countries/").context["object_list"]) == []


def test_share_block_is_plain_links_with_the_canonical_address(client, slovenia, settings):
    settings.SITE_URL = "https://balkan.example"
    html = client.get("/countries/slovenia/").content.decode()
    share = between(html, '<section class="share"', "</section>")
    hrefs = [unquote(href.replace("&amp;", "&")) for href in re.findall(r'href="([^"]+)"', share)]
    networks = ["x.com", "facebook.com", "linkedin.com", "line.me", "wa.me", "t.me", "mailto:"]
    assert len(hrefs) == len(networks)
    for network, href in zip(networks, hrefs, strict=True):
        assert network in href
        assert "https://balkan.example/countries/slovenia/" in href
    assert "<script" not in share and "<iframe" not in share


@pytest.mark.parametrize("path", ["/countries/slovenia/", "/countries/slovenia/embed/", "/news/story-1/"])
def test_pages_load_nothing_from_other_sites(client, slovenia, make_news, read_page, settings, path):
    settings.SITE_URL = "https://balkan.example"
    make_news(countries=[slovenia])
    page = read_page(client.get(path).content.decode())
    loaded = [attrs.get("src") for tag, attrs in page.elements if tag in ("script", "img", "iframe")]
    loaded += [link["href"] for link in page.links if "stylesheet" in link.get("rel", "")]
    assert loaded, "the page should load at least its stylesheet"
    for url in filter(None, loaded):
        assert url.startswith("/") and not url.startswith("//"), url
    # Scripts: structured data, and the site's own small scripts (the embed's height, the Copy button).
    scripts = [script["attrs"] for script in page.scripts]
    assert all(
        attrs.get("type") == "application/ld+json" or attrs.get("src", "").startswith("/static/js/")
        for attrs in scripts
    )


def test_embed_snippet_frames_the_embed_route_from_the_site_url(client, slovenia, settings):
    settings.SITE_URL = "https://balkan.example"
    html = client.get("/countries/slovenia/").content.decode()
    snippet = between(html, '<textarea id="embed-code-en"', "</textarea>")
    assert (
        "&lt;iframe src=&quot;https://balkan.example/countries/slovenia/embed/&quot; "
        "title=&quot;Slovenia · Japan–Balkan Network&quot;"
    ) in snippet
    assert "data-balkan-embed" in snippet
    assert "&lt;script src=&quot;https://balkan.example/static/js/embed-host.js&quot; async&gt;" in snippet
    japanese = between(html, '<textarea id="embed-code-ja"', "</textarea>")
    assert "https://balkan.example/ja/countries/slovenia/embed/" in japanese
    assert client.get("/countries/slovenia/embed/").status_code == 200


def test_embed_is_a_light_card_linking_to_the_profile(client, slovenia, settings):
    settings.SITE_URL = "https://balkan.example"
    response = client.get("/countries/slovenia/embed/")
    html = response.content.decode()
    assert len(response.content) < 6000
    assert "site-header" not in html
    # One script, the site's own: it tells the framing page the card's height.
    assert re.findall(r"<script[^>]*>", html) == [
        re.search(r'<script src="/static/js/embed[.\w]*js" defer>', html)[0]
    ]
    assert '<meta name="robots" content="noindex">' in html
    assert 'href="https://balkan.example/countries/slovenia/" target="_blank" rel="noopener"' in html
    assert "EUR 119 million" in html
    assert client.get("/ja/countries/slovenia/embed/").content.decode().count('lang="ja"') >= 1


@pytest.mark.parametrize("count", [1, 30])
def test_profile_costs_a_fixed_number_of_queries(
    client,
    make_profile_document,
    slovenia,
    make_news,
    make_entry,
    make_partner,
    django_assert_num_queries,
    count,
):
    for n in range(count):
        make_news(countries=[slovenia])
        make_entry(countries=[slovenia])
        make_partner(country=slovenia)
        TradeFigure.objects.create(
            country=slovenia, year=1950 + n, exports_to_japan=n, imports_from_japan=n + 1
        )
        if n < 2:
            Embassy.objects.create(country=slovenia, kind=("in_japan", "of_japan")[n], name=f"Embassy {n}")
        make_profile_document(slovenia, title=f"Report {n}")
    # country, trade, embassies, documents, partners; news + their countries; entries + countries + news;
    # upcoming events: stories, chronology entries
    with django_assert_num_queries(12):
        assert client.get("/countries/slovenia/").status_code == 200


@pytest.mark.parametrize("count", [1, 30])
def test_country_list_costs_a_fixed_number_of_queries(client, make_country, django_assert_num_queries, count):
    for n in range(count):
        make_country(name=f"Country {n}", iso_code=f"{chr(65 + n // 26)}{chr(65 + n % 26)}")
    with django_assert_num_queries(1):
        assert client.get("/countries/").status_code == 200


@pytest.mark.parametrize("count", [1, 30])
def test_embed_card_and_qr_cost_a_fixed_number_of_queries(client, slovenia, django_assert_num_queries, count):
    for n in range(count):
        TradeFigure.objects.create(country=slovenia, year=1950 + n, exports_to_japan=n, imports_from_japan=n)
    for path, queries in [("embed/", 2), ("card.png", 2), ("qr.svg", 1), ("qr.png", 1)]:
        with django_assert_num_queries(queries):
            assert client.get(f"/countries/slovenia/{path}").status_code == 200


def test_a_new_trade_figure_or_embassy_marks_the_country_changed(slovenia):
    before = Country.objects.get(pk=slovenia.pk).updated_at
    TradeFigure.objects.create(country=slovenia, year=2019, exports_to_japan=1, imports_from_japan=2)
    after_trade = Country.objects.get(pk=slovenia.pk).updated_at
    assert after_trade > before
    embassy = Embassy.objects.create(country=slovenia, kind="of_japan", name="Embassy of Japan")
    after_embassy = Country.objects.get(pk=slovenia.pk).updated_at
    assert after_embassy > after_trade
    embassy.delete()
    assert Country.objects.get(pk=slovenia.pk).updated_at > after_embassy
