"""A reader's search: only what is public now, ranked by where and how much matches, in either language."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from news.models import NewsItem
from tests.helpers.search import search, titles

pytestmark = pytest.mark.django_db


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


def test_japanese_words_inside_compounds_are_found(client, make_news):
    make_news(title="Seismic retrofitting", title_ja="学校の耐震化を推進")
    make_news(title="Earthquake risk", title_ja="地震リスク・セミナー")
    assert titles(search(client, "/ja/search/?q=耐震")) == ["学校の耐震化を推進"]
    assert titles(search(client, "/ja/search/?q=地震")) == ["地震リスク・セミナー"]
    assert titles(search(client, "/ja/search/?q=リスク")) == ["地震リスク・セミナー"]


def test_a_japanese_query_on_the_english_page_finds_the_record_in_english(client, make_news):
    make_news(title="Courtesy call to the Embassy of Kosovo", title_ja="駐日コソボ大使館を表敬訪問")
    assert titles(search(client, "/search/?q=コソボ")) == ["Courtesy call to the Embassy of Kosovo"]


def test_english_endings_are_found_on_every_database_but_not_inside_other_words(client, make_news):
    make_news(title="Ministers visit Ljubljana")
    make_news(title="Revisiting the artwork")
    assert titles(search(client, "/search/?q=visits")) == ["Ministers visit Ljubljana"]
    assert titles(search(client, "/search/?q=visit")) == ["Ministers visit Ljubljana"]
