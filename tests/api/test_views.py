"""The read API through the whole stack: what it answers, in both languages, fresh and cached."""

import datetime

import pytest
from django.utils import timezone
from model_bakery import baker

from tests.helpers.images import image_upload

pytestmark = pytest.mark.django_db


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    return response, response.json()


def same_for_the_second_reader(client, url):
    """Return the body of `url`, after checking that a second (cached) request gets the same answer."""
    first, body = get(client, url)
    assert first.status_code == 200, body
    second, again = get(client, url)
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    assert again == body
    assert {k: v for k, v in second.items() if k != "X-Cache"} == {
        k: v for k, v in first.items() if k != "X-Cache"
    }
    return body


@pytest.mark.parametrize(
    "lang, title, page, name",
    [("en", "Visit", "/news/story-1/", "Slovenia"), ("ja", "訪問", "/ja/news/story-1/", "スロベニア")],
)
def test_news_list_answers_published_stories_in_both_languages(
    client, make_news, make_country, lang, title, page, name
):
    country = make_country(name="Slovenia", name_ja="スロベニア")
    make_news(title="Visit", title_ja="訪問", countries=[country]).tags.add("tourism")
    body = same_for_the_second_reader(client, f"/api/v1/news/?lang={lang}")
    [item] = body["items"]
    assert item["title"] == title
    assert item["url"].startswith("http") and item["url"].endswith(page)
    assert item["countries"] == [
        {"slug": "slovenia", "name": name, "url": item["countries"][0]["url"]}
    ] and item["countries"][0]["url"].endswith(("/ja" if lang == "ja" else "") + "/countries/slovenia/")
    assert item["tags"] == ["tourism"]
    assert datetime.datetime.fromisoformat(item["publish_at"]).tzinfo is not None
    assert body["next"] is None
    assert client.get(f"/api/v1/news/?lang={lang}")["Content-Language"] == lang


def test_a_japanese_browser_gets_english_unless_it_asks_for_japanese(client, make_news):
    make_news(title="Visit", title_ja="訪問")
    response = client.get("/api/v1/news/", headers={"Accept-Language": "ja"})
    assert response.json()["items"][0]["title"] == "Visit"


def test_a_story_without_a_japanese_title_falls_back_to_english(client, make_news):
    make_news(title="Visit")
    _response, body = get(client, "/api/v1/news/?lang=ja")
    assert body["items"][0]["title"] == "Visit"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_news_detail_has_body_gallery_partners_and_rendition_urls(
    client, make_news, make_partner, settings, lang
):
    partner = make_partner(name="Embassy", name_ja="大使館")
    item = make_news(
        body="<p>Body.</p>",
        partners=[partner, make_partner(is_published=False)],
        hero_image=image_upload(size=(1200, 600)),
        hero_alt="A harbour",
        hero_credit="Foto: STA",
    )
    baker.make("news.NewsImage", news_item=item, image=image_upload("g.jpg"), alt="Crowd", credit="STA")
    body = same_for_the_second_reader(client, f"/api/v1/news/{item.slug}/?lang={lang}")
    assert body["body"] == "<p>Body.</p>"
    assert [p["slug"] for p in body["partners"]] == [partner.slug]
    assert body["partners"][0]["name"] == ("大使館" if lang == "ja" else "Embassy")
    hero = body["image"]
    assert hero["alt"] == "A harbour" and hero["credit"] == "Foto: STA"
    assert hero["url"].startswith("http") and hero["url"] != item.hero_image.url
    assert {r["type"] for r in hero["renditions"]} == {"image/avif", "image/webp", "image/jpeg"}
    assert max(r["width"] for r in hero["renditions"]) <= 1200
    [photo] = body["gallery"]
    assert photo["alt"] == "Crowd" and photo["renditions"]


def test_country_list_and_profile_carry_trade_figures_and_embassies(client, make_country):
    country = make_country(name="Serbia", name_ja="セルビア", overview="<p>Overview.</p>")
    baker.make(
        "countries.TradeFigure",
        country=country,
        year=2023,
        exports_to_japan="119.5",
        imports_from_japan="300.0",
        currency="EUR",
    )
    baker.make(
        "countries.Embassy",
        country=country,
        kind="in_japan",
        name="Embassy of Serbia",
        name_ja="駐日セルビア大使館",
        address="Tokyo",
    )
    make_country(name="Hidden", iso_code="HD", is_published=False)
    body = same_for_the_second_reader(client, "/api/v1/countries/?lang=ja")
    [item] = body["items"]
    assert item["name"] == "セルビア"
    assert item["trade_figures"] == [
        {
            "year": 2023,
            "exports_to_japan": 119.5,
            "imports_from_japan": 300.0,
            "currency": "EUR",
            "source": "",
            "source_url": "",
        }
    ]
    assert item["embassies"][0]["name"] == "駐日セルビア大使館"
    assert item["embassies"][0]["map_url"].startswith("https://")
    detail = same_for_the_second_reader(client, "/api/v1/countries/serbia/")
    assert detail["overview"] == "<p>Overview.</p>"
    assert detail["url"].endswith("/countries/serbia/")


def test_chronology_and_partners_answer_what_their_pages_show(client, make_entry, make_country, make_partner):
    country = make_country()
    story_public = baker.make(
        "news.NewsItem",
        slug="public",
        status="published",
        publish_at=timezone.now() - datetime.timedelta(days=1),
    )
    story_draft = baker.make("news.NewsItem", slug="draft", status="draft", publish_at=timezone.now())
    entry = make_entry(
        title="Visit", title_ja="訪問", countries=[country], related_news=[story_public, story_draft]
    )
    body = same_for_the_second_reader(client, "/api/v1/chronology/?lang=ja")
    [item] = body["items"]
    assert item["ref"] == entry.ref and item["title"] == "訪問"
    assert [story["slug"] for story in item["related_news"]] == ["public"]
    assert item["url"].endswith(f"/ja/chronology/#entry-{entry.ref}")
    partner = make_partner(country=country, description="<p>Hi.</p>")
    body = same_for_the_second_reader(client, "/api/v1/partners/?country=slovenia")
    assert [p["slug"] for p in body["items"]] == [partner.slug]
    assert body["items"][0]["country"]["slug"] == "slovenia"
    detail = same_for_the_second_reader(client, f"/api/v1/partners/{partner.slug}/")
    assert detail["description"] == "<p>Hi.</p>"


def test_drafts_and_everything_unpublished_never_appear(
    client, make_news, make_country, make_entry, make_partner
):
    now = timezone.now()
    country = make_country()
    public = make_news(countries=[country])
    hidden = [
        make_news(status="draft", countries=[country]),
        make_news(status="review", countries=[country]),
        make_news(publish_at=now + datetime.timedelta(days=1), countries=[country]),  # scheduled
        make_news(publish_at=now - datetime.timedelta(days=3), expires_at=now - datetime.timedelta(days=1)),
    ]
    hidden_country = make_country(name="Draftland", iso_code="DL", is_published=False)
    make_news(countries=[hidden_country])
    make_entry(is_published=False)
    make_partner(is_published=False, slug="hidden-partner")

    news = get(client, "/api/v1/news/?limit=100")[1]["items"]
    assert public.slug in {item["slug"] for item in news}
    assert not {item.slug for item in hidden} & {item["slug"] for item in news}
    assert all(c["slug"] != "draftland" for item in news for c in item["countries"])
    for item in hidden:
        assert client.get(f"/api/v1/news/{item.slug}/").status_code == 404
    assert [c["slug"] for c in get(client, "/api/v1/countries/")[1]["items"]] == ["slovenia"]
    assert client.get("/api/v1/countries/draftland/").status_code == 404
    assert get(client, "/api/v1/chronology/")[1]["items"] == []
    assert get(client, "/api/v1/partners/")[1]["items"] == []
    assert client.get("/api/v1/partners/hidden-partner/").status_code == 404
    assert client.get("/api/v1/news/?country=draftland").status_code == 400


def test_filters_work_as_on_the_public_lists(client, make_news, make_country, make_entry, make_category):
    serbia, slovenia = make_country(name="Serbia"), make_country(name="Slovenia")
    visit = make_news(
        kind="visit", countries=[serbia], publish_at=timezone.now() - datetime.timedelta(days=400)
    )
    visit.tags.add("culture")
    make_news(kind="statement", countries=[slovenia])
    year = visit.publish_at.astimezone(timezone.get_current_timezone()).year

    def slugs(url):
        response, body = get(client, url)
        assert response.status_code == 200, body
        return [item["slug"] for item in body["items"]]

    assert slugs("/api/v1/news/?country=serbia") == [visit.slug]
    assert slugs("/api/v1/news/?kind=visit") == [visit.slug]
    assert slugs("/api/v1/news/?tag=culture") == [visit.slug]
    assert visit.slug in slugs(f"/api/v1/news/?year={year}")
    old = make_entry(date=datetime.date(1899, 1, 1), date_precision="year", countries=[serbia])
    new = make_entry(date=datetime.date(2020, 5, 1), countries=[slovenia], category=make_category("aid"))
    assert [e["ref"] for e in get(client, "/api/v1/chronology/")[1]["items"]] == [old.ref, new.ref]
    assert [e["ref"] for e in get(client, "/api/v1/chronology/?to=1950")[1]["items"]] == [old.ref]
    assert [e["ref"] for e in get(client, "/api/v1/chronology/?from=1950")[1]["items"]] == [new.ref]
    assert [e["ref"] for e in get(client, "/api/v1/chronology/?category=aid")[1]["items"]] == [new.ref]
    both = get(client, "/api/v1/chronology/?country=serbia&country=slovenia")[1]["items"]
    assert [e["ref"] for e in both] == [old.ref, new.ref]
    assert old.get_absolute_url()


def test_unknown_records_are_a_json_404(client, db):
    for url in ("/api/v1/news/nope/", "/api/v1/countries/nope/", "/api/v1/partners/nope/"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json() == {"detail": "Not Found"}
