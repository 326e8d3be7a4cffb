"""The search page: highlighting, the type filter, pages, costs, languages and hostile input."""

import datetime
import re

import pytest

from search.models import SearchDocument
from tests.helpers.search import search, shown, titles

pytestmark = pytest.mark.django_db

# A search with results: the newest matches of each kind, ranked (one query), the texts of the page's
# records, the names of the countries and of the partners (kept in the cache when it is on), and which
# of the query's words the index knows.
QUERIES_PER_SEARCH = 5
# At most, for a query the index finds nothing for: the above but the texts, the words near an unknown
# one, and the corrected query's ranked matches and, when it finds some, their texts.
QUERIES_AT_MOST = 7


def test_each_kind_is_found_and_links_to_its_page(client, make_news, make_country, make_entry, make_partner):
    make_news(title="Meiji news", slug="meiji-news")
    make_country(name="Serbia", summary="Letters from the Meiji era.")
    make_entry(title="Meiji letters", ref="rs-1882-letters")
    make_partner(name="Meiji Institute", slug="meiji-institute")
    urls = {result.kind: result.url for result in search(client, "/search/?q=meiji").context["results"]}
    assert urls == {
        "news": "/news/meiji-news/",
        "countries": "/countries/serbia/",
        "chronology": "/chronology/#entry-rs-1882-letters",
        "partners": "/partners/meiji-institute/",
    }
    urls_ja = {result.kind: result.url for result in search(client, "/ja/search/?q=meiji").context["results"]}
    assert urls_ja["news"] == "/ja/news/meiji-news/"
    assert urls_ja["chronology"] == "/ja/chronology/#entry-rs-1882-letters"


def test_matches_are_highlighted_in_title_and_snippet(client, make_news):
    make_news(title="Cherry trees", summary="Three hundred cherry trees were planted.")
    html = search(client, "/search/?q=cherry").content.decode()
    assert "<mark>Cherry</mark> trees" in html
    assert "Three hundred <mark>cherry</mark> trees were planted." in html


def test_the_type_filter_keeps_one_kind_and_shows_counts_for_all(client, make_news, make_country):
    make_news(title="Romania and Japan")
    make_country(name="Romania", summary="A country by the Black Sea.")
    response = search(client, "/search/?q=romania&type=countries")
    assert [result.kind for result in shown(response)] == ["countries"]
    counts = {kind: count for kind, _label, count, _more in response.context["kinds"]}
    assert counts == {"news": 1, "countries": 1, "chronology": 0, "partners": 0}
    assert 'href="?q=romania&amp;type=news"' in response.content.decode()


def test_an_unknown_type_is_a_clear_400(client):
    response = client.get("/search/?q=romania&type=<script>")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Type" in html
    assert "<script>" not in html


def test_results_come_ten_a_page(client, make_news):
    for number in range(12):
        make_news(title=f"Seismic workshop {number}")
    first = search(client, "/search/?q=seismic")
    assert len(first.context["results"]) == 10
    assert 'rel="next" href="?page=2&amp;q=seismic"' in first.content.decode()
    second = search(client, "/search/?q=seismic&page=2")
    assert len(second.context["results"]) == 2
    assert not set(titles(first)) & set(titles(second))
    assert client.get("/search/?q=seismic&page=3").status_code == 404
    assert client.get("/search/?q=seismic&page=abc").status_code == 404


def test_a_country_shown_as_a_card_is_neither_repeated_nor_counted_on_later_pages(
    client, make_news, make_country
):
    make_country(name="Slovenia", summary="An EU member between the Alps and the Adriatic.")
    for number in range(14):
        make_news(title=f"Slovenia and Japan, meeting {number}")
    first = search(client, "/search/?q=slovenia")
    second = search(client, "/search/?q=slovenia&page=2")
    assert first.context["entity"].title == "<mark>Slovenia</mark>" and second.context["entity"] is None
    assert [len(first.context["results"]), len(second.context["results"])] == [10, 4]
    # Every story once over the two pages, and each page says how many there are: the stories.
    assert sorted(titles(first)[1:] + titles(second)) == sorted(
        f"Slovenia and Japan, meeting {n}" for n in range(14)
    )
    for page in (first, second):
        assert page.context["paginator"].count == 14
        assert "14 results" in page.content.decode()
    assert second.content.decode().count('<li class="result ') == 4


@pytest.mark.parametrize("count", [1, 25])
def test_a_search_costs_the_same_queries_however_many_records_match(
    client, make_news, make_country, make_entry, make_partner, django_assert_num_queries, count
):
    for number in range(count):
        make_news(title=f"Kosovo news {number}")
        make_country(name=f"Kosovo {number}", iso_code=chr(65 + number // 26) + chr(65 + number % 26))
        make_entry(title=f"Kosovo entry {number}")
        make_partner(name=f"Kosovo partner {number}")
    with django_assert_num_queries(QUERIES_PER_SEARCH):
        response = search(client, "/search/?q=kosovo")
    assert len(shown(response)) == min(10, 4 * count)


def test_a_search_without_results_costs_a_fixed_few_queries(client, make_news, django_assert_max_num_queries):
    make_news(title="Kosovo")
    with django_assert_max_num_queries(QUERIES_AT_MOST):
        response = search(client, "/search/?q=atlantis")
    assert "Nothing was found for “atlantis”." in response.content.decode()


def test_an_empty_search_answers_without_touching_the_database(client, django_assert_num_queries):
    # Two queries are the page cache's (once per change, not per page): when the next scheduled story
    # is due and when the next one expires. The search asks nothing.
    with django_assert_num_queries(2):
        response = search(client, "/search/")
    assert response.context["results"] == []


def test_a_query_of_only_punctuation_asks_for_words(client, django_assert_num_queries):
    # Two queries are the page cache's (once per change, not per page): when the next scheduled story
    # is due and when the next one expires. The search asks nothing.
    with django_assert_num_queries(2):
        response = search(client, "/search/?q=%21%21+--+%E3%80%82")
    assert "Enter a word to search for." in response.content.decode()


def test_a_script_in_the_query_is_escaped_everywhere(client, make_news):
    make_news(title="Alert")
    html = search(client, "/search/?q=%3Cscript%3Ealert(1)%3C/script%3E").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    "query",
    [
        "' OR 1=1 --",
        '"; DROP TABLE balkan_searchdocument; --',
        "%' OR '%'='",
        "\\",
        "& | ! : * ( ) <-> '",
        "🎌" * 50,
    ],
)
def test_hostile_queries_get_a_normal_page_at_a_fixed_cost(
    client, make_news, django_assert_max_num_queries, query
):
    make_news(title="Cherry blossom", summary="Trees in Ljubljana.", body="<p>Planted in spring.</p>")
    with django_assert_max_num_queries(QUERIES_AT_MOST):
        response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert response.context["results"] == []
    assert SearchDocument.objects.exists()


def test_a_nul_character_in_the_query_is_a_clear_400(client):
    # PostgreSQL cannot store or compare NUL; the site refuses it before any view runs.
    response = client.get("/search/", {"q": "a\x00b"})
    assert response.status_code == 400


def test_a_ten_thousand_character_query_is_shortened_not_refused(
    client, make_news, django_assert_max_num_queries
):
    make_news(title="Kono visits Slovenia")
    with django_assert_max_num_queries(QUERIES_AT_MOST):
        response = client.get("/search/", {"q": "Kono " + "x" * 9995})
    assert response.status_code == 200
    assert len(response.context["query"]) == 200
    assert "only its first 200 characters were used" in response.content.decode()


def test_results_show_in_the_page_language_and_fall_back_to_english(client, make_news):
    make_news(title="Embassy of Kosovo", title_ja="コソボ大使館")
    make_news(title="Kosovo statement")
    response = search(client, "/ja/search/?q=kosovo")
    html = response.content.decode()
    assert sorted(titles(response)) == ["Kosovo statement", "コソボ大使館"]
    assert re.search(
        r'<h2 class="result__title" lang="en"><a href="/ja/news/[^"]+/"><mark>Kosovo</mark> statement', html
    )
    assert re.search(r'<h2 class="result__title"><a href="/ja/news/[^"]+/">コソボ大使館', html)


def test_dates_are_shown_as_precisely_as_known(client, make_entry):
    make_entry(title="Treaty of amity", date=datetime.date(1899, 1, 1), date_precision="year")
    html = search(client, "/search/?q=amity").content.decode()
    assert '<time datetime="1899-01-01">1899</time>' in html


def test_each_result_is_labelled_with_its_kind(client, make_news, make_country, make_entry, make_partner):
    make_news(title="Kosovo news")
    make_country(name="Kosovo", iso_code="XK")
    make_entry(title="Kosovo entry")
    make_partner(name="Kosovo partner")
    html = search(client, "/search/?q=kosovo").content.decode()
    badges = re.findall(r'<p class="result__meta"><span class="badge">([^<]+)</span>', html)
    assert sorted(badges) == ["Chronology", "Country", "News", "Partner"]
    html = search(client, "/ja/search/?q=kosovo").content.decode()
    badges = re.findall(r'<p class="result__meta"><span class="badge">([^<]+)</span>', html)
    assert sorted(badges) == sorted(["ニュース", "国", "年表", "パートナー"])


def test_pages_count_only_the_kind_asked_for(client, make_news, make_country):
    for number in range(12):
        make_news(title=f"Seismic workshop {number}")
    make_country(name="Seismia", summary="Seismic research.")
    assert search(client, "/search/?q=seismic").context["paginator"].count == 13
    only_news = search(client, "/search/?q=seismic&type=news&page=2")
    assert only_news.context["paginator"].count == 12 and len(only_news.context["results"]) == 2
    assert search(client, "/search/?q=seismic&type=countries").context["paginator"].count == 1
    assert client.get("/search/?q=seismic&type=countries&page=2").status_code == 404


def test_a_countrys_name_of_several_words_is_marked_whole_not_word_by_word(client, make_country, make_news):
    make_country(
        name="Türkiye",
        name_ja="トルコ",
        slug="turkiye",
        iso_code="TR",
        other_names="Turkey\nトルコ共和国\nRepublic of Türkiye",
    )
    make_news(
        title="Aid to Türkiye", title_ja="トルコ共和国への国際緊急援助", summary_ja="国際協力の一環として"
    )
    html = search(client, "/ja/search/?q=トルコ").content.decode()
    assert "<mark>トルコ共和国</mark>への国際緊急援助" in html
    assert "<mark>国</mark>" not in html and "<mark>共和</mark>" not in html
