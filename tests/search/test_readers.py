"""What a lost reader gets: corrections, the card of the country or partner named, names staff add, suggestions.

Each is asked twice, fresh and from the page cache, in English and Japanese: the
second visitor gets the same answer.
"""

import json

import pytest
from django.core.management import call_command
from django.test import Client

from countries.models import Country
from tests.helpers.workflow import change_url, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def twice(client, url):
    """Return the fresh answer and the one the page cache replays; both must be alike."""
    first, second = client.get(url), client.get(url)
    assert first.status_code == second.status_code == 200
    assert first["X-Cache"] != "HIT" and second["X-Cache"] == "HIT"
    assert first.content == second.content
    return second.content.decode()


@pytest.mark.parametrize(
    ("url", "notice", "card"),
    [
        (
            "/search/?q=Slovnia",
            "Showing results for “<strong>Slovenia</strong>”",
            'href="/countries/slovenia/"',
        ),
        (
            "/ja/search/?q=スロベニヤ",
            "「<strong>スロベニア</strong>」の検索結果",
            'href="/ja/countries/slovenia/"',
        ),
    ],
)
def test_a_misspelt_name_is_answered_for_the_word_meant_and_says_so(client, demo, url, notice, card):
    html = twice(client, url)
    assert notice in html
    assert '<article class="entity-card' in html
    assert card in html.split('<article class="entity-card', 1)[1].split("</article>", 1)[0]


def test_a_slip_beside_words_that_match_is_offered_as_a_link(client, demo):
    html = twice(client, "/search/?q=Slovnia+relations")
    assert 'Did you mean: <a href="?q=Slovenia+relations">Slovenia relations</a></p>' in html
    followed = twice(client, "/search/?q=Slovenia+relations")
    assert "Did you mean" not in followed
    assert 'href="/countries/slovenia/"' in followed


def test_words_the_index_knows_are_never_corrected(client, demo):
    html = twice(client, "/search/?q=Kono")
    assert "Did you mean" not in html and "Showing results for" not in html


def test_nothing_near_anything_says_nothing_was_found(client, demo):
    html = twice(client, "/search/?q=xqzvbn")
    assert "Nothing was found for “xqzvbn”." in html
    assert "Did you mean" not in html


@pytest.mark.parametrize(
    ("url", "card_link", "flag"),
    [
        ("/search/?q=Slovenia", "/countries/slovenia/", "/static/flags/4x3/si."),
        ("/ja/search/?q=スロベニア", "/ja/countries/slovenia/", "/static/flags/4x3/si."),
        ("/search/?q=Embassy+of+Kosovo", "/partners/embassy-of-kosovo-in-japan/", None),
    ],
)
def test_a_search_that_names_a_country_or_partner_shows_its_card_first_and_once(
    client, demo, url, card_link, flag
):
    html = twice(client, url)
    card, rest = html.split('<article class="entity-card', 1)[1].split("</article>", 1)
    assert f'href="{card_link}"' in card
    assert (flag in card) if flag else ('class="flag"' not in card)
    assert f'href="{card_link}"' not in rest  # not repeated in the list below
    assert html.index("entity-card") < html.index('class="results"')


def test_the_card_is_not_shown_for_another_type_nor_on_later_pages(client, demo):
    assert "entity-card" not in twice(client, "/search/?q=Slovenia&type=news")
    assert "entity-card" in twice(client, "/search/?q=Slovenia&type=countries")
    first = client.get("/search/?q=Slovenia").context
    assert first["entity"] is not None and first["paginator"].num_pages > 1
    assert "entity-card" not in twice(client, "/search/?q=Slovenia&page=2")


def test_a_question_naming_two_countries_alike_has_no_card(client, demo):
    html = twice(client, "/search/?q=Serbia+Kosovo")
    assert "entity-card" not in html
    assert 'href="/chronology/#entry-rs-xk-2023-brussels-dialogue"' in html


def test_other_names_edited_in_the_admin_take_effect_at_once(publisher, demo):
    client, publisher_client = Client(), Client()
    publisher_client.force_login(publisher)
    before = twice(client, "/search/?q=Ellada")
    assert "entity-card" not in before
    greece = Country.objects.get(slug="greece")
    page = publisher_client.get(change_url(greece))
    assert 'name="other_names"' in page.content.decode()
    data = form_data(
        page, other_names=greece.other_names + "\nEllada\nエラダ", force_reason="Readers cannot find it."
    )
    response = publisher_client.post(change_url(greece), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    for url, link in (
        ("/search/?q=Ellada", "/countries/greece/"),
        ("/ja/search/?q=エラダ", "/ja/countries/greece/"),
    ):
        html = twice(client, url)
        assert f'href="{link}"' in html.split('<article class="entity-card', 1)[1].split("</article>", 1)[0]


def suggestions(client, url):
    first, second = client.get(url), client.get(url)
    assert first.status_code == second.status_code == 200
    assert second["X-Cache"] == "HIT" and first.content == second.content
    assert first["Content-Type"] == "application/json"
    return json.loads(second.content)["suggestions"]


@pytest.mark.parametrize(
    ("url", "first"),
    [
        ("/search/suggest?q=slo", {"title": "Slovenia", "url": "/countries/slovenia/", "kind": "Country"}),
        ("/search/suggest?q=Turk", {"title": "Türkiye", "url": "/countries/turkiye/", "kind": "Country"}),
        (
            "/ja/search/suggest?q=スロ",
            {"title": "スロベニア", "url": "/ja/countries/slovenia/", "kind": "国"},
        ),
        (
            "/search/suggest?q=yaska",
            {
                "title": "Yaskawa Electric Corporation",
                "url": "/partners/yaskawa-electric-corporation/",
                "kind": "Partner",
            },
        ),
    ],
)
def test_suggestions_name_profiles_first_then_titles(client, demo, url, first):
    found = suggestions(client, url)
    assert found[0] == first
    assert 1 <= len(found) <= 6
    assert len({item["url"] for item in found}) == len(found)


def test_suggestions_include_titles_begun_in_the_page_language(client, demo):
    english = suggestions(client, "/search/suggest?q=seism")
    assert "/news/seismic-risk-workshop-veliko-tarnovo-2022/" in [item["url"] for item in english]
    japanese = suggestions(client, "/ja/search/suggest?q=地震")
    titles = [item["title"] for item in japanese]
    assert "日本・ブルガリア・西バルカン地震リスク・ワークショップ、ヴェリコ・タルノヴォで開催" in titles


@pytest.mark.parametrize(
    "query", ["", "!!!", "' OR 1=1 --", "& | ! : * ( ) <-> '", "\\", "a" * 500, "🎌" * 40]
)
def test_suggestions_answer_anything_without_an_error(client, demo, query):
    response = client.get("/search/suggest", {"q": query})
    assert response.status_code == 200
    assert isinstance(json.loads(response.content)["suggestions"], list)


def test_suggestions_cost_two_queries_at_most(client, demo, django_assert_max_num_queries):
    # The page cache's check of the schedule, the names (kept in the cache) and the titles.
    with django_assert_max_num_queries(4):
        client.get("/search/suggest?q=kosovo")
