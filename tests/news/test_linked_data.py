"""Structured data of stories: a NewsArticle published by the network, fresh and cached, in both languages."""

import datetime

import pytest
from django.utils import timezone

from tests.helpers.images import image_upload
from tests.helpers.linked_data import SITE_URL, answers, documents, nodes, urls_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]

# What Google reads of an article (all recommended; none strictly required).
ARTICLE = {
    "headline",
    "image",
    "datePublished",
    "dateModified",
    "author",
    "publisher",
    "inLanguage",
    "description",
}


@pytest.mark.parametrize("prefix", ["", "/ja"])
def test_a_story_is_a_news_article_published_by_the_network(client, make_news, make_country, prefix):
    slovenia = make_country(name="Slovenia", name_ja="スロベニア")
    item = make_news(
        title="Cherry trees for Ljubljana",
        title_ja="リュブリャナに桜",
        summary="Three hundred trees.",
        hero_image=image_upload("trees.jpg", size=(1600, 900)),
        hero_alt="Trees",
    )
    item.countries.add(slovenia)
    [document] = documents(client, f"{prefix}/news/{item.slug}/")
    graph = nodes(document)
    assert document["@context"] == "https://schema.org"
    assert set(graph) == {"NewsArticle", "Organization"}
    article, network = graph["NewsArticle"], graph["Organization"]
    assert ARTICLE <= set(article)
    assert article["headline"] == ("リュブリャナに桜" if prefix else "Cherry trees for Ljubljana")
    assert article["inLanguage"] == ("ja" if prefix else "en")
    assert article["url"] == f"{SITE_URL}{prefix}/news/{item.slug}/"
    assert article["author"] == article["publisher"] == {"@id": network["@id"]}
    assert network["logo"]["url"].startswith(SITE_URL + "/static/")
    card, hero = article["image"]
    assert (card["width"], card["height"]) == (1200, 630) and "/card.png" in card["url"]
    assert (hero["width"], hero["height"]) == (1600, 900)
    assert datetime.datetime.fromisoformat(article["datePublished"]) <= timezone.now()
    assert article["about"] == [
        {
            "@type": "Country",
            "name": "スロベニア" if prefix else "Slovenia",
            "url": f"{SITE_URL}{prefix}/countries/slovenia/",
        }
    ]
    for url in set(urls_in(document)):
        assert answers(client, url).status_code == 200, url


def test_a_headline_is_cut_where_google_stops_reading(client, make_news):
    item = make_news(title="A" * 150)
    [document] = documents(client, f"/news/{item.slug}/")
    assert nodes(document)["NewsArticle"]["headline"] == "A" * 109 + "…"
