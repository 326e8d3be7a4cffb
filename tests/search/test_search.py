"""The site search: its index, ranking, filters, pages, languages and hostile input."""

import datetime
import re

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from chronology.models import ChronologyEntry
from news.models import NewsItem
from search.models import SearchDocument
from search.query import Search

pytestmark = pytest.mark.django_db

# A search with results: the newest matches of each kind (one query), counts by kind (also the
# number of records), the page's records, their texts, the names of the countries and of the partners
# (kept in the cache when it is on), and which of the query's words the index knows.
QUERIES_PER_SEARCH = 7
# At most, for a query the index finds nothing for: the above, the words near an unknown one, and
# the corrected query's matches and counts (its records and texts are read only when it finds some).
QUERIES_AT_MOST = 10


def search(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def shown(response):
    """Return the results on the page: the card of the country or partner searched for, then the list."""
    entity = response.context.get("entity")
    return ([entity] if entity else []) + list(response.context["results"])


def titles(response):
    return [re.sub(r"</?mark>", "", str(result.title)) for result in shown(response)]


def test_saving_a_record_indexes_each_language_it_is_written_in(make_news):
    both = make_news(title="Kono visits Ljubljana", title_ja="河野外相がリュブリャナを訪問")
    english_only = make_news(title="Cherry trees")
    assert set(SearchDocument.objects.filter(object_id=both.pk).values_list("language", flat=True)) == {
        "en",
        "ja",
    }
    assert list(
        SearchDocument.objects.filter(object_id=english_only.pk).values_list("language", flat=True)
    ) == ["en"]


def test_editing_a_record_updates_the_index(client, make_news):
    item = make_news(title="Courtesy call")
    item.title_en = "Courtesy call on Dr. Sopaj"
    item.save()
    assert titles(search(client, "/search/?q=Sopaj")) == ["Courtesy call on Dr. Sopaj"]
    assert SearchDocument.objects.filter(object_id=item.pk, language="en").count() == 1


def test_deleting_a_record_removes_it_from_the_index(client, make_partner):
    partner = make_partner(name="Cosylab")
    partner.delete()
    assert not SearchDocument.objects.filter(kind="partners").exists()
    assert titles(search(client, "/search/?q=Cosylab")) == []


@pytest.mark.parametrize("status", ["draft", "review", "archived"])
def test_news_that_is_not_published_is_not_found(client, make_news, status):
    make_news(title="Workshop in Veliko Tarnovo", status=status)
    assert titles(search(client, "/search/?q=Tarnovo")) == []


def test_scheduled_news_is_found_once_it_is_due(client, make_news):
    due = timezone.now() + datetime.timedelta(days=2)
    make_news(title="Seminar on seismic risk", publish_at=due)
    assert titles(search(client, "/search/?q=seismic")) == []
    with time_machine.travel(due + datetime.timedelta(minutes=1), tick=False):
        assert titles(search(client, "/search/?q=seismic")) == ["Seminar on seismic risk"]


def test_unpublished_countries_entries_and_partners_are_not_found(
    client, make_country, make_entry, make_partner
):
    make_country(name="Japan", iso_code="JP", is_published=False, summary="Meiji")
    make_entry(title="Meiji era letters", is_published=False)
    make_partner(name="Meiji University", is_published=False)
    assert titles(search(client, "/search/?q=Meiji")) == []


def test_a_record_taken_offline_without_saving_disappears_at_once(client, make_news):
    item = make_news(title="Statement on the dialogue")
    NewsItem.objects.filter(pk=item.pk).update(status="draft")
    assert titles(search(client, "/search/?q=dialogue")) == []


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


def test_a_match_in_the_title_ranks_above_the_summary_and_the_body(client, make_news):
    # Newest first would give the opposite order.
    make_news(title="Reporting session", body="<p>Participants of MIRAI reported.</p>")
    make_news(title="Young people report", summary="The MIRAI programme ends.")
    make_news(title="MIRAI 2022/2023 final session")
    assert titles(search(client, "/search/?q=mirai")) == [
        "MIRAI 2022/2023 final session",
        "Young people report",
        "Reporting session",
    ]


def test_a_record_matching_more_of_the_query_ranks_first_and_a_long_question_still_finds(client, make_news):
    make_news(title="Veliko Gradište")
    make_news(title="Veliko Tarnovo workshop")
    make_news(title="Tarnovo")
    found = titles(search(client, "/search/?q=veliko+tarnovo"))
    assert found[0] == "Veliko Tarnovo workshop"
    assert set(found) == {"Veliko Tarnovo workshop", "Veliko Gradište", "Tarnovo"}
    question = "/search/?q=when+was+the+workshop+in+veliko+tarnovo+about+earthquakes"
    assert titles(search(client, question))[0] == "Veliko Tarnovo workshop"


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


def test_japanese_words_inside_compounds_are_found(client, make_news):
    make_news(title="Seismic retrofitting", title_ja="学校の耐震化を推進")
    make_news(title="Earthquake risk", title_ja="地震リスク・セミナー")
    assert titles(search(client, "/ja/search/?q=耐震")) == ["学校の耐震化を推進"]
    assert titles(search(client, "/ja/search/?q=地震")) == ["地震リスク・セミナー"]
    assert titles(search(client, "/ja/search/?q=リスク")) == ["地震リスク・セミナー"]


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


def test_a_japanese_query_on_the_english_page_finds_the_record_in_english(client, make_news):
    make_news(title="Courtesy call to the Embassy of Kosovo", title_ja="駐日コソボ大使館を表敬訪問")
    assert titles(search(client, "/search/?q=コソボ")) == ["Courtesy call to the Embassy of Kosovo"]


def test_rebuild_command_restores_a_lost_index(client, make_news, make_entry):
    make_news(title="Cherry trees", title_ja="桜の木")
    make_entry(title="Cherry trees planted")
    SearchDocument.objects.all().delete()
    assert titles(search(client, "/search/?q=cherry")) == []
    assert client.get("/news/")["X-Cache"] == "MISS"
    call_command("rebuild_search_index", verbosity=0)
    assert SearchDocument.objects.count() == 3
    assert len(titles(search(client, "/search/?q=cherry"))) == 2
    assert client.get("/news/")["X-Cache"] == "HIT"  # only search pages read the index


def test_dates_are_shown_as_precisely_as_known(client, make_entry):
    make_entry(title="Treaty of amity", date=datetime.date(1899, 1, 1), date_precision="year")
    html = search(client, "/search/?q=amity").content.decode()
    assert '<time datetime="1899-01-01">1899</time>' in html


def test_search_vector_is_stored_and_indexed_on_postgresql(make_news):
    make_news(title="Cherry trees", summary="A gift", body="<p>Planted in 1999.</p>")
    with connection.cursor() as cursor:
        columns = [
            c.name for c in connection.introspection.get_table_description(cursor, "balkan_searchdocument")
        ]
        constraints = connection.introspection.get_constraints(cursor, "balkan_searchdocument")
    if connection.vendor != "postgresql":
        # SQLite has no text-search vector; the `*_terms` columns are matched instead.
        assert "search_vector" not in columns
        assert Search("cherry").counts() == {"news": 1}
        return
    assert "search_vector" in columns
    assert any(c["columns"] == ["search_vector"] and c["type"] == "gin" for c in constraints.values())
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM balkan_searchdocument")
        vector = cursor.fetchone()[0]
    assert "'cherri':1A" in vector and "'gift':4B" in vector and "'1999':" in vector
    # With twenty thousand documents (and fresh statistics) the planner finds a rare word through the
    # GIN index, and the newest matches of a word in every document by walking the (kind, date) index.
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO balkan_searchdocument (kind, object_id, language, title, summary, body, path,"
            " date, date_precision, title_terms, summary_terms, body_terms)"
            " SELECT 'news', 100000 + n, 'en', 'x', '', '', '/', DATE '2020-01-01' + n, 'day', md5(n::text),"
            " '', 'everywhere ' || repeat(md5(n::text) || ' ', 20) FROM generate_series(1, 20000) AS n"
        )
        cursor.execute("ANALYZE balkan_searchdocument")

        def plan(word):
            # The index choice, without the check that each candidate's record is public.
            sql, params = Search(word)._candidates("news", public=False).query.sql_with_params()
            cursor.execute(f"EXPLAIN {sql}", params)
            return "\n".join(row[0] for row in cursor.fetchall())

        assert "balkan_searchdocument_vector" in plan("cherry")
        assert "search_newest_of_kind" in plan("everywhere")


def test_english_endings_are_found_on_every_database_but_not_inside_other_words(client, make_news):
    make_news(title="Ministers visit Ljubljana")
    make_news(title="Revisiting the artwork")
    assert titles(search(client, "/search/?q=visits")) == ["Ministers visit Ljubljana"]
    assert titles(search(client, "/search/?q=visit")) == ["Ministers visit Ljubljana"]


def test_chronology_entries_are_reindexed_when_saved_from_a_query(make_entry):
    entry = make_entry(title="Letters")
    entry = ChronologyEntry.objects.get(pk=entry.pk)
    entry.title_en = "Letters between Emperor Meiji and King Milan"
    entry.save()
    assert Search("milan").counts() == {"chronology": 1}


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
