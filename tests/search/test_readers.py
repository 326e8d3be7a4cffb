"""What a lost reader gets: corrections, the card of the country or partner named, names staff add, suggestions.

Each is asked twice, fresh and from the page cache, in English and Japanese: the
second visitor gets the same answer.
"""

import pytest
from django.test import Client

from countries.models import Country
from tests.helpers.search import twice
from tests.helpers.workflow import change_url, form_data

pytestmark = pytest.mark.django_db


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
