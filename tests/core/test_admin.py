"""The admins' shared pieces: every time names its zone, in both languages; a cheap date drill-down."""

import datetime
import html
import re

import pytest
from django.utils import timezone

from news.models import NewsItem
from tests.helpers.workflow import change_url, changelist

pytestmark = pytest.mark.django_db


def test_a_date_time_field_names_japan_time_and_lists_show_times_unambiguously(publisher_client, make_news):
    story = make_news(
        title="Embargoed visit", publish_at=timezone.make_aware(datetime.datetime(2026, 12, 10, 9, 0))
    )
    form = publisher_client.get(change_url(story)).content.decode()
    assert "Times are Japan time (JST, UTC+09:00)." in form
    listing = publisher_client.get(changelist(type(story))).content.decode()
    assert "10 December 2026, 09:00 JST" in listing and "12/10/2026" not in listing

    japanese = publisher_client.get(
        changelist(type(story)), headers={"accept-language": "ja"}
    ).content.decode()
    assert "2026年12月10日 9:00 JST" in japanese
    form = publisher_client.get(change_url(story), headers={"accept-language": "ja"}).content.decode()
    assert "日本時間" in form and "JST、UTC+09:00" in form


def test_the_date_drill_down_shows_the_periods_djangos_own_shows_in_two_queries(
    publisher_client, make_news, django_assert_max_num_queries
):
    from django.contrib.admin.templatetags.admin_list import date_hierarchy as djangos

    from core.admin import date_hierarchy

    tokyo = timezone.get_current_timezone()
    for when, kind in [
        ((2022, 12, 31, 23, 30), "news"),
        ((2023, 1, 1, 0, 30), "news"),  # still 2022 in UTC: the periods are Japan's
        ((2024, 2, 3, 12, 0), "news"),
        ((2024, 2, 29, 12, 0), "news"),
        ((2024, 7, 14, 12, 0), "news"),
        ((2025, 3, 1, 12, 0), "visit"),
        ((2025, 3, 1, 18, 0), "visit"),
    ]:
        make_news(publish_at=datetime.datetime(*when, tzinfo=tokyo), kind=kind)
    lists = {
        "": ["2022", "2023", "2024", "2025"],
        "?publish_at__year=2024": ["‹ All dates", "February 2024", "July 2024"],
        "?publish_at__year=2024&publish_at__month=2": ["‹ 2024", "3 February", "29 February"],
        "?publish_at__year=2024&publish_at__month=2&publish_at__day=29": ["‹ February 2024"],
        # all in one day of one month: that month's days at once
        "?kind__exact=visit": ["‹ 2025", "1 March"],
        "?q=nowhere": [],
    }
    for query, links in lists.items():
        response = publisher_client.get(changelist(NewsItem) + query)
        changelist_ = response.context["cl"]
        with django_assert_max_num_queries(2):  # the first and the last, and which periods have stories
            ours = date_hierarchy(changelist_)
        theirs = djangos(changelist_)
        assert str(ours["back"]) == str(theirs["back"]), query
        assert [{**choice, "title": str(choice["title"])} for choice in ours["choices"]] == [
            {**choice, "title": str(choice["title"])} for choice in theirs["choices"]
        ], query
        nav = response.content.decode().split('<nav class="toplinks">', 1)[1].split("</nav>", 1)[0]
        shown = [html.unescape(text.strip()) for text in re.findall(r"<a [^>]*>([^<]*)</a>", nav)]
        assert shown == links, query


def test_a_rows_checkbox_is_written_as_djangos_checkbox_widget_writes_it(make_news):
    from django.contrib import admin
    from django.contrib.admin import ModelAdmin

    story = make_news(title='Tom & Jerry’s "visit" <2025>')
    model_admin = admin.site._registry[NewsItem]
    assert model_admin.action_checkbox(story) == ModelAdmin.action_checkbox(model_admin, story)
    assert f'value="{story.pk}"' in model_admin.action_checkbox(story)
