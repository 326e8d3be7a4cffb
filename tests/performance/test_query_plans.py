"""A story's page and a country's profile read a bounded number of rows, however many stories there are.

100,000 copies of a story (all public, all about the same country and tag, the
worst case for the related news and the profile's latest news) are made in the
database by SQL, the statistics refreshed, and each query the two pages run
when made from nothing is explained with EXPLAIN ANALYZE: no step of any plan
may touch more than a bounded number of rows. PostgreSQL only (`make bench`
records the same plans at the same size).
"""

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import RELATED_CANDIDATES, NewsItem
from tests.performance.test_query_counts import drop_stored_pages
from tests.servers import require_postgresql

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

STORIES = 100_000
# The most rows any step may touch: the related news rank the newest 200 candidates, a page shows 20.
BOUND = 2_000


def copy_story(story, country, tag, copies=STORIES, first=1, **columns):
    """Make `copies` copies of `story` (copy-<first>...), each about `country` and tagged `tag`, by SQL.

    `columns` gives a column of the copy numbered `n` as SQL over `n` and the story's columns
    (`publish_at="publish_at - n * interval '1 hour'"`); `country` or `tag` None leaves it out.
    """
    names = [field.column for field in NewsItem._meta.concrete_fields if field.column not in ("id", "slug")]
    values = ", ".join(columns.get(name, f'"{name}"') for name in names)
    names = ", ".join(f'"{name}"' for name in names)
    content_type = ContentType.objects.get_for_model(NewsItem).pk
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM news_newsitem")
        (before,) = cursor.fetchone()
        cursor.execute(
            f"INSERT INTO news_newsitem (slug, {names}) SELECT 'copy-' || n, {values} "
            "FROM news_newsitem, generate_series(%s, %s) AS n WHERE id = %s",
            [first, first + copies - 1, story.pk],
        )
        made = f"SELECT id FROM news_newsitem WHERE id > {before}"
        if country is not None:
            cursor.execute(
                "INSERT INTO news_newsitem_countries (newsitem_id, country_id) "
                f"SELECT id, %s FROM ({made}) c",
                [country.pk],
            )
        if tag is not None:
            cursor.execute(
                "INSERT INTO taggit_taggeditem (object_id, content_type_id, tag_id) "
                f"SELECT id, %s, %s FROM ({made}) c",
                [content_type, tag.pk],
            )
        cursor.execute("ANALYZE")


def steps(plan):
    """Yield every step of a JSON plan, its children after it."""
    yield plan
    for child in plan.get("Plans", ()):
        yield from steps(child)


# Rows a step read and let go: a scan's filter, a bitmap's recheck, a join's condition.
REMOVED = ("Rows Removed by Filter", "Rows Removed by Index Recheck", "Rows Removed by Join Filter")


def worst_step(sql):
    """Return (step, rows) for the step of `sql`'s plan (EXPLAIN ANALYZE) that touched the most rows.

    A step touches the rows it produced and those its conditions removed, over
    all its loops (PostgreSQL gives both per loop).
    """
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
        plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
    touched = [
        (
            f"{step['Node Type']} {step.get('Relation Name', '')}".strip(),
            round((step["Actual Rows"] + sum(step.get(key, 0) for key in REMOVED)) * step["Actual Loops"]),
        )
        for step in steps(plan[0]["Plan"])
    ]
    return max(touched, key=lambda item: item[1])


def worst_steps(client, urls):
    """Return [(url, step, rows, sql)]: each query's step that touched the most rows."""
    found = []
    for url in urls:
        drop_stored_pages()  # made from nothing: every query the page can run
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        selects = [query["sql"] for query in context.captured_queries if query["sql"].startswith("SELECT")]
        assert selects, url
        found.extend((url, *worst_step(sql), sql) for sql in selects)
    return found


@pytest.fixture
def hundred_thousand_stories(settings, make_news, make_country):
    require_postgresql()
    settings.PAGE_CACHE = False  # every request renders; the values kept beside pages are dropped too
    settings.PAGE_CACHE_SYNC_SECONDS = 3600
    slovenia, kosovo = (
        make_country(name="Slovenia", slug="slovenia"),
        make_country(name="Kosovo", slug="kosovo"),
    )
    story = make_news(title="Japan: the story", slug="the-story", countries=[slovenia])
    story.tags.add("culture")
    copy_story(story, slovenia, story.tags.get())
    # A country with few stories, whose story shares its tag with every other: the other end of the plans.
    for n in range(3):
        make_news(title=f"Kosovo {n}", slug=f"kosovo-{n}", countries=[kosovo]).tags.add("culture")
    assert NewsItem.objects.published().count() == STORIES + 4


# The related news are ranked once per change to the published news and kept: made from nothing, a
# story's page finds them too (the newest candidates sharing a country, then a tag, then their ranking).
PAGES = (
    "/news/the-story/",
    "/countries/slovenia/",
    "/ja/news/the-story/",
    "/news/kosovo-0/",
    "/countries/kosovo/",
)


def test_a_story_and_a_profile_touch_a_bounded_number_of_rows_at_100000_stories(
    client, hundred_thousand_stories
):
    found = worst_steps(client, PAGES)
    assert sum(f"LIMIT {RELATED_CANDIDATES}" in sql for _url, _step, _rows, sql in found) == 2 * 3, (
        "the related news' candidates were explained for each story"
    )
    for url, step, rows, sql in found:
        assert rows <= BOUND, f"{url}: {step} touched {rows:,} rows in\n{sql[:500]}"
