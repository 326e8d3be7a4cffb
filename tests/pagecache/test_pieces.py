"""{% piece %}: news cards (and chronology entries, see test_fragments.py) rendered once, refreshed by what they show."""

import pytest

CARD = "news/_card.html"


def test_news_cards_are_rendered_once_and_follow_their_story_and_countries(
    client, make_news, make_country, rendered
):
    slovenia = make_country(name="Slovenia", slug="slovenia")
    stories = [make_news(title=f"Story {n}", kind="news") for n in range(3)]
    for story in stories:
        story.countries.add(slovenia)
    client.get("/news/")
    assert rendered[CARD] == 3
    assert all(f"Story {n}" in client.get("/news/?kind=news").content.decode() for n in range(3))
    assert rendered[CARD] == 3, "the filtered list took the cards already made"

    stories[0].title = "Renamed story"
    stories[0].save()
    slovenia.name = "Republic of Slovenia"
    slovenia.save()
    for url in ("/news/", "/news/?kind=news", "/"):
        html = client.get(url).content.decode()
        assert "Renamed story" in html and "Story 0" not in html, url
        assert "Republic of Slovenia" in html, url


def test_a_piece_must_say_what_it_shows():
    from django.template import engines

    from pagecache import fragments

    assert set(fragments.PIECES) == {
        "balkan/_countries.html",
        "balkan/_partners.html",
        "chronology/_entry.html",
        "chronology/_filters.html",
        "countries/_partners.html",
        "countries/_profile.html",
        "events/_upcoming.html",
        "includes/footer.html",
        "news/_article.html",
        "news/_card.html",
        "news/_filters.html",
        "news/_structured_data.html",
    }
    page = engines["django"].from_string('{% load pieces %}{% piece "news/withdrawn.html" 1 %}')
    with pytest.raises(ValueError, match="is not a piece"):
        page.render({})
