"""The index's table: a text-search vector with its GIN index on PostgreSQL, plain term columns elsewhere."""

import pytest
from django.conf import settings
from django.db import connection
from django.urls import set_script_prefix, translate_url
from django.utils import translation

from news.models import NewsItem
from search.models import SearchDocument
from search.query import Search

pytestmark = pytest.mark.django_db


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
    # (Numbered far beyond any story a test makes: another test in this process may have made 100,000.)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO balkan_searchdocument (kind, object_id, language, title, summary, body, path,"
            " date, date_precision, title_terms, summary_terms, body_terms)"
            " SELECT 'news', 2000000000 + n, 'en', 'x', '', '', '/', DATE '2020-01-01' + n, 'day', md5(n::text),"
            " '', 'everywhere ' || repeat(md5(n::text) || ' ', 20) FROM generate_series(1, 20000) AS n"
        )
        cursor.execute("ANALYZE balkan_searchdocument")

        def plan(word):
            # The index choice, without the check that each candidate's record is public.
            sql, params = Search(word)._candidates("news", "pk", public=False).query.sql_with_params()
            cursor.execute(f"EXPLAIN {sql}", params)
            return "\n".join(row[0] for row in cursor.fetchall())

        assert "balkan_searchdocument_vector" in plan("cherry")
        assert "search_newest_of_kind" in plan("everywhere")


def test_a_documents_address_in_each_language_is_what_django_reverses(demo):

    documents = list(SearchDocument.objects.all())
    assert {document.kind for document in documents} == set(SearchDocument.Kind.values)
    for document in documents:
        for language, _name in settings.LANGUAGES:
            with translation.override(settings.LANGUAGE_CODE):
                assert document.url_in(language) == translate_url(document.path, language)
        assert document.url_in("ja") == "/ja" + document.path
    # Served below a prefix (SCRIPT_NAME), where translate_url would leave the address as it is.
    item = NewsItem.objects.published().first()
    set_script_prefix("/balkan/")
    try:
        with translation.override(settings.LANGUAGE_CODE):
            document = SearchDocument(path=item.get_absolute_url())
        with translation.override("ja"):
            assert document.url_in("ja") == item.get_absolute_url() == f"/balkan/ja/news/{item.slug}/"
    finally:
        set_script_prefix("/")
