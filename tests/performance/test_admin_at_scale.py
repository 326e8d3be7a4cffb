"""The news admin costs the same queries at 100,000 stories as at ten, each reading a bounded number of rows.

An editor opens the news list plain, with each filter, searched for a word in
nearly every story and for a rare one (English and Japanese), drilled down to a
year, a month and a day, with the counts beside the filters' choices, and a
story's form: first with ten copies of the story, then with 100,000 (made by
SQL, as in test_query_plans). Each page must run the same queries at both
sizes, show what its filter or search leaves, and every SELECT it runs is
explained with EXPLAIN ANALYZE: no step may touch more than BOUND rows, but in
the counts and on the two pages that must read every story (COUNTED).
PostgreSQL only; `make bench` times the same pages.
"""

import datetime
import html
import re

import pytest
from django.contrib.admin.templatetags.admin_list import date_hierarchy as djangos_date_hierarchy
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.models import NewsItem, public_now, scheduled_now
from tests.performance.test_query_plans import copy_story, worst_step
from tests.servers import require_postgresql
from workflow.models import EditingPresence

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

HANDFUL = 10
STORIES = 100_000
# Copy n of the story, as SQL over n: one in a thousand is about an earthquake drill, one in fifty of the
# newest two thousand about a tsunami exercise (a word found only at one end of the list), one in a hundred of
# each other state (draft, in review, archived, scheduled), one in fifty featured, the kinds in turn, an
# hour older than copy n - 1 (eleven years of news), and the handful already has one of each.
COPY = {
    "title_en": "CASE WHEN mod(n, 1000) = 7 THEN 'Earthquake drill in Slovenia (' || n || ')' "
    "WHEN n < 2000 AND mod(n, 50) = 9 THEN 'Tsunami exercise in Slovenia (' || n || ')' "
    "ELSE 'Japan and Slovenia deepen cooperation (' || n || ')' END",
    "title_ja": "CASE WHEN mod(n, 1000) = 7 THEN 'スロベニアで地震訓練（' || n || '）' "
    "WHEN n < 2000 AND mod(n, 50) = 9 THEN 'スロベニアで津波訓練（' || n || '）' "
    "ELSE '日本とスロベニア、協力を深める（' || n || '）' END",
    "summary_en": "'Story ' || n || ': officials of Japan and Slovenia met in Tokyo.'",
    "status": "CASE mod(n, 100) WHEN 1 THEN 'draft' WHEN 2 THEN 'review' WHEN 3 THEN 'archived' "
    "ELSE 'published' END",
    "publish_at": "CASE mod(n, 100) WHEN 4 THEN now() + interval '1 day' + n * interval '1 minute' "
    "ELSE publish_at - n * interval '1 hour' END",
    "kind": "(ARRAY['news', 'event', 'visit', 'courtesy-call', 'statement', 'announcement'])[mod(n, 6) + 1]",
    "is_featured": "mod(n, 50) = 5",
}
COPY["title"], COPY["summary"] = COPY["title_en"], COPY["summary_en"]

# The most rows a step may touch: a page shows 100 stories, walked in order past those a filter leaves
# out (five in six, for a kind), or found through an index and sorted.
BOUND = 2_000
# But a count: the list says how many stories its filters and search leave and pages through them, so
# that query reads each of them (as do the counts beside the filters' choices, one filter each). Once:
# but PostgreSQL may share a query among three processes, whose two workers may each build the same
# hash of the stories' links. Read more often, or joined to more than one link each, it touches more.
PROCESSES = 3  # the query's own and max_parallel_workers_per_gather's two
COUNTED = PROCESSES * (STORIES + HANDFUL + 10)
# And the pages that read every story however few they show, in each of their queries as a count does:
# no index lists the stories without a country, and a part of two letters (地震, a Japanese word) has no
# trigram.
READ_EVERY_STORY = {"?country=none", "?q=地震"}

THREE_YEARS_AGO = (timezone.localtime() - datetime.timedelta(days=3 * 365)).year
DRILL = f"publish_at__year={THREE_YEARS_AGO}"
LIST = "/admin/news/newsitem/"
# Each page of the list, and the stories it must show (a function: as it asks at the time).
LISTS = {
    "": Q(),
    "?state=draft": Q(status="draft"),
    "?state=review": Q(status="review"),
    "?state=scheduled": scheduled_now,
    "?state=published": public_now,
    "?state=archived": Q(status="archived"),
    "?kind__exact=visit": Q(kind="visit"),
    "?is_featured__exact=1": Q(is_featured=True),
    # every story, three, one
    "?country=slovenia": Q(countries__slug="slovenia"),
    "?country=kosovo": Q(countries__slug="kosovo"),
    "?country=none": Q(countries__isnull=True),
    # a word in nearly every story and a rare one, in English and Japanese; two words; a Japanese word
    # of two letters
    "?q=cooperation": Q(title_en__icontains="cooperation"),
    "?q=earthquake": Q(title_en__icontains="earthquake"),
    # only in the newest stories: the first of them is not found by walking from the oldest
    "?q=tsunami": Q(title_en__icontains="tsunami"),
    "?q=協力を": Q(title_ja__contains="協力を"),
    "?q=地震訓練": Q(title_ja__contains="地震訓練"),
    "?q=slovenia+drill": Q(title_en__icontains="slovenia") & Q(title_en__icontains="drill"),
    "?q=地震": Q(title_ja__contains="地震"),
    f"?{DRILL}": Q(publish_at__year=THREE_YEARS_AGO),
    f"?{DRILL}&publish_at__month=3": Q(publish_at__year=THREE_YEARS_AGO, publish_at__month=3),
    f"?{DRILL}&publish_at__month=3&publish_at__day=5": Q(
        publish_at__year=THREE_YEARS_AGO, publish_at__month=3, publish_at__day=5
    ),
    # with the number of stories beside each choice of each filter ("Show counts")
    "?_facets=True": Q(),
}
# Queries of every admin page: the editor, their language, their permissions and their groups', their
# authenticator (twice), and the session saved (a savepoint, the update, its release).
EVERY_PAGE = 9
BUDGETS = {
    # the filters' countries, the count (with the first and the last publish time), the page of stories
    # with their authors, which periods between the first and the last hold stories
    LIST: EVERY_PAGE + 4,
    # a year or a month chosen: no first and last publish time
    f"{LIST}?{DRILL}": EVERY_PAGE + 4,
    f"{LIST}?{DRILL}&publish_at__month=3": EVERY_PAGE + 4,
    # a day chosen: no periods either
    f"{LIST}?{DRILL}&publish_at__month=3&publish_at__day=5": EVERY_PAGE + 3,
    # + for each of the four filters its counts, and the countries again (Django lists each filter's
    # stories as if only the others were chosen)
    f"{LIST}?_facets=True": EVERY_PAGE + 4 + 4 * 2,
    # the story; who else has it open, and noting that this editor has (two savepoints, a look, the
    # note, their releases); a change waiting over it; the story again (Django's form); its countries,
    # partners and tags; its latest version; its gallery, documents and review links; its review steps
    # and reviewers' comments; the staff, to choose an author from; the countries chosen, for the
    # autocomplete
    "change form": EVERY_PAGE + 21,
}


def copy_history():
    """Give every story without a version the one saving it made (by SQL, as the stories were made)."""
    columns = ", ".join(f'"{field.column}"' for field in NewsItem._meta.concrete_fields)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO news_historicalnewsitem ({columns}, history_date, history_type) "
            f"SELECT {columns}, created_at, '+' FROM news_newsitem story WHERE NOT EXISTS "
            "(SELECT 1 FROM news_historicalnewsitem version WHERE version.id = story.id)"
        )
        cursor.execute("ANALYZE news_historicalnewsitem")


def date_links(page):
    """Return the texts of the links of a list's date drill-down, the way back first."""
    nav = page.split('<nav class="toplinks">', 1)[1].split("</nav>", 1)[0]
    return [
        html.unescape(re.sub(r"\s+", " ", text).strip()) for text in re.findall(r"<a [^>]*>([^<]*)</a>", nav)
    ]


def check(url, response, stories):
    """Assert that the list at `url` shows `stories`: how many, the newest first, the dates to drill to."""
    assert response.status_code == 200, url
    changelist = response.context["cl"]
    assert changelist.result_count == stories.count(), url
    page = response.content.decode()
    newest = stories.order_by("-publish_at", "-pk").first()
    if newest is not None:
        assert changelist.result_list[0] == newest, url
        assert f">{newest.title}</a>" in page, url
    if "_facets" in url:
        assert f"Draft ({stories.filter(status='draft').count()})" in page
        assert f"Kosovo ({stories.filter(countries__slug='kosovo').count()})" in page
    # The same periods as Django's own drill-down, which reads every story listed to find them.
    django = djangos_date_hierarchy(changelist)
    back = [f"‹ {django['back']['title']}"] if django["back"] else []
    assert date_links(page) == back + [
        str(choice["title"]) for choice in django["choices"] if "link" in choice
    ]


def measure(client, story):
    """Return {page: (queries, [(step, rows, sql) for each SELECT])}, checking what each page shows."""
    found = {}
    for query, condition in LISTS.items():
        url = LIST + query
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        check(
            url,
            response,
            NewsItem.objects.filter(condition() if callable(condition) else condition).distinct(),
        )
        found[url] = context.captured_queries
    EditingPresence.objects.all().delete()  # the story opened afresh
    with CaptureQueriesContext(connection) as context:
        response = client.get(f"{LIST}{story.pk}/change/")
    assert response.status_code == 200
    assert response.context["adminform"].form.instance == story and response.context["has_change_permission"]
    form = response.content.decode()
    assert f'value="{story.title}"' in form and 'name="images-TOTAL_FORMS"' in form
    found["change form"] = context.captured_queries
    return {
        page: (
            len(queries),
            [(*worst_step(query["sql"]), query["sql"]) for query in queries if is_select(query)],
        )
        for page, queries in found.items()
    }


def is_select(query):
    return query["sql"].startswith("SELECT")


@pytest.fixture
def newsroom(make_news, make_country):
    require_postgresql()
    slovenia, kosovo = (
        make_country(name="Slovenia", slug="slovenia"),
        make_country(name="Kosovo", slug="kosovo"),
    )
    make_country(name="Albania", slug="albania")  # a country without stories
    story = make_news(
        title="Japan: the story", slug="the-story", status="draft", countries=[slovenia, kosovo]
    )
    story.tags.add("culture")
    for n in range(3):
        make_news(title=f"Kosovo {n}", slug=f"kosovo-{n}", countries=[kosovo])
    make_news(title="About nowhere", slug="nowhere")
    return story, slovenia


def test_the_news_admin_costs_the_same_queries_at_100000_stories_each_reading_a_bounded_number_of_rows(
    editor_client, newsroom
):
    story, slovenia = newsroom
    copy_story(story, slovenia, None, copies=HANDFUL, **COPY)
    copy_history()
    with_a_handful = measure(editor_client, story)
    copy_story(story, slovenia, None, copies=STORIES - HANDFUL, first=HANDFUL + 1, **COPY)
    copy_history()
    assert NewsItem.objects.count() == STORIES + 5
    at_scale = measure(editor_client, story)

    for page, (queries, _plans) in at_scale.items():
        assert queries == with_a_handful[page][0], f"{page}: {with_a_handful[page][0]} queries, now {queries}"
        assert queries == BUDGETS.get(page, BUDGETS[LIST]), page
    for page, (_queries, plans) in at_scale.items():
        for step, rows, sql in plans:
            counts = sql.startswith("SELECT COUNT(") or page.removeprefix(LIST) in READ_EVERY_STORY
            bound = COUNTED if counts else BOUND
            assert rows <= bound, f"{page}: {step} touched {rows:,} rows in\n{sql[:800]}"
