"""Pieces many pages repeat are rendered once per process and generation (pagecache/fragments.py)."""

import pytest
from django.db import transaction

from pagecache import store

ENTRY = "chronology/_entry.html"


@pytest.fixture
def timeline(make_entry, make_category):
    visit = make_category(key="visit")
    return [make_entry(title=f"Visit {n}", category=visit) for n in range(5)]


def test_each_entry_is_rendered_once_however_many_pages_show_it(client, timeline, rendered):
    assert client.get("/chronology/").status_code == 200
    assert rendered[ENTRY] == 5
    for url in ("/chronology/?category=visit", "/chronology/?from=2000", "/chronology/?to=2030"):
        html = client.get(url).content.decode()
        assert all(f"Visit {n}" in html for n in range(5)), url
    assert rendered[ENTRY] == 5, "the other pages took the pieces already made"
    client.get("/ja/chronology/")
    assert rendered[ENTRY] == 10, "Japanese pieces are their own"


def test_a_change_to_an_entry_or_to_what_it_shows_is_seen_at_once(client, timeline, make_news):
    client.get("/chronology/?category=visit")
    entry = timeline[0]
    entry.title = "A state visit"
    entry.save()
    for url in ("/chronology/", "/chronology/?category=visit", "/chronology/?category=visit"):
        html = client.get(url).content.decode()
        assert "A state visit" in html and "Visit 0" not in html, url

    story = make_news(title="The visit in pictures")
    entry.related_news.add(story)
    assert "The visit in pictures" in client.get("/chronology/?from=1999").content.decode()
    story.title = "Pictures of the state visit"
    story.save()
    html = client.get("/chronology/?from=1998").content.decode()
    assert "Pictures of the state visit" in html and "The visit in pictures" not in html


class RolledBack(Exception):
    pass


def test_nothing_rendered_in_a_preview_is_kept(client, timeline):
    client.get("/chronology/")  # the public pieces, kept
    entry = timeline[0]
    with pytest.raises(RolledBack), transaction.atomic(), store.sandbox():
        # As a preview of a change waiting for review: applied, rendered, rolled back.
        entry.title = "Only in a preview"
        entry.save()
        assert "Only in a preview" in client.get("/chronology/?category=visit").content.decode()
        raise RolledBack
    html = client.get("/chronology/?from=2000").content.decode()
    assert "Only in a preview" not in html and "Visit 0" in html


def test_pieces_are_made_afresh_while_the_shared_cache_is_down(client, timeline, rendered, shared_cache_down):
    for _ in range(2):
        assert "Visit 3" in client.get("/chronology/").content.decode()
    assert rendered[ENTRY] == 10


CARD = "news/_card.html"


def test_cards_read_their_countries_only_when_one_must_be_made(
    client, make_news, make_country, rendered, django_assert_num_queries, settings
):
    settings.PAGE_CACHE = False  # every request renders the list; only the pieces are kept
    slovenia = make_country(name="Slovenia")
    for n in range(3):
        make_news(title=f"Story {n}", countries=[slovenia])
    client.get("/news/")
    assert rendered[CARD] == 3
    # the items (the list's length is kept until the news change): the cards, kept, need no countries
    with django_assert_num_queries(1):
        html = client.get("/news/").content.decode()
    assert rendered[CARD] == 3 and html.count("Slovenia</span>") == 3
    make_news(title="Story 3", countries=[slovenia])  # the news changed: every card is made again
    # ...with the countries of all four read at once: the length, the items, their countries
    with django_assert_num_queries(3):
        html = client.get("/news/").content.decode()
    assert rendered[CARD] == 7 and html.count("Slovenia</span>") == 4


FILTERS = "news/_filters.html"


def test_a_filter_form_is_kept_per_choice_and_made_again_with_errors_or_a_country_change(
    client, make_news, make_country, rendered, settings
):
    settings.PAGE_CACHE = False
    slovenia = make_country(name="Slovenia")
    make_news(countries=[slovenia])
    for _ in range(2):
        client.get("/news/")
        client.get("/news/?country=slovenia")
    assert rendered[FILTERS] == 2, "one form per choice"
    assert 'value="slovenia" selected' in client.get("/news/?country=slovenia").content.decode()
    for _ in range(2):
        response = client.get("/news/?year=abc")
        assert response.status_code == 400 and "filters__error" in response.content.decode()
    assert rendered[FILTERS] == 4, "a form with errors is never kept"
    slovenia.name = "Republic of Slovenia"
    slovenia.save()
    assert ">Republic of Slovenia</option>" in client.get("/news/").content.decode()


def test_a_process_keeps_pieces_up_to_a_number_and_an_amount_of_text_then_starts_again(settings):
    from pagecache import fragments

    settings.PAGE_FRAGMENTS_LIMIT, settings.PAGE_FRAGMENTS_MAX_CHARACTERS = 3, 1000
    made = []

    def make(text):
        made.append(text)
        return text

    for n in range(3):
        fragments.piece(("card", n), "v1", lambda n=n: make(f"card {n}"))
    fragments.piece(("card", 0), "v1", lambda: make("again"))
    assert made == ["card 0", "card 1", "card 2"], "kept"
    fragments.piece(("card", 3), "v1", lambda: make("card 3"))  # a fourth: start again
    fragments.piece(("card", 0), "v1", lambda: make("card 0"))
    assert made[-2:] == ["card 3", "card 0"]
    fragments.forget()
    fragments.piece(("article", 1), "v1", lambda: make("x" * 600))
    fragments.piece(("article", 2), "v1", lambda: make("y" * 600))  # 1,200 characters: start again
    fragments.piece(("article", 1), "v1", lambda: make("x" * 600))
    assert made[-3:] == ["x" * 600, "y" * 600, "x" * 600]
    fragments.piece(("article", 1), "v1", lambda: make("never"))
    assert "never" not in made
