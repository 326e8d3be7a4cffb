"""The page cache through the real stack: what is cached, for whom, with which headers."""

import datetime

import pytest
import time_machine
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone

from countries.models import TradeFigure
from pagecache import store as page_cache
from pagecache.middleware import PageCacheMiddleware


@pytest.mark.django_db
def test_second_anonymous_request_is_served_from_the_cache_without_queries(
    client, story, django_assert_num_queries
):
    first = client.get("/news/")
    assert first["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        second = client.get("/news/")
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert "Kono visits Ljubljana" in second.content.decode()


@pytest.mark.django_db
def test_cached_pages_carry_validators_and_let_a_cdn_cache_them(client, story):
    for response in (client.get("/"), client.get("/")):
        assert response["ETag"].startswith('"')
        assert response["Last-Modified"].endswith("GMT")
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"public", "max-age=60", "s-maxage=300", "stale-while-revalidate=60"} <= directives
        assert "Cookie" in response["Vary"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/news/", "/countries/slovenia/", "/news/feed/", "/sitemap.xml"])
def test_conditional_get_answers_304_without_a_body(client, story, url):
    first = client.get(url)
    assert first.status_code == 200
    by_etag = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert by_etag.status_code == 304 and by_etag.content == b""
    assert by_etag["ETag"] == first["ETag"]
    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


@pytest.mark.django_db
def test_a_304_is_also_answered_when_the_cache_is_off(client, story, settings):
    settings.PAGE_CACHE = False
    first = client.get("/news/")
    again = client.get("/news/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert (first["X-Cache"], again.status_code) == ("MISS", 304)


@pytest.mark.django_db
def test_staff_always_get_a_fresh_private_page(client, story, django_user_model):
    assert client.get("/news/")["X-Cache"] == "MISS"  # now cached for anonymous readers
    staff = django_user_model.objects.create_user("editor", is_staff=True)
    client.force_login(staff)
    response = client.get("/news/")
    assert "X-Cache" not in response
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control and "public" not in cache_control
    assert response.context is not None  # rendered, not copied from the cache


@pytest.mark.django_db
def test_a_staff_page_is_never_served_to_anonymous_readers(client, story, django_user_model):
    staff = django_user_model.objects.create_user("editor", is_staff=True)
    client.force_login(staff)
    client.get("/news/")
    client.logout()
    assert client.get("/news/")["X-Cache"] == "MISS"


@pytest.mark.django_db
@pytest.mark.parametrize("cookie", ["sessionid", "messages"])
def test_readers_with_a_session_or_pending_messages_bypass_the_cache(client, story, cookie):
    client.get("/news/")
    client.cookies[cookie] = "x"
    response = client.get("/news/")
    assert "X-Cache" not in response
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_previews_are_never_cached(client, story):
    client.get(story.get_absolute_url())
    response = client.get(story.get_absolute_url() + "?preview=1")
    assert "X-Cache" not in response and "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_languages_and_query_strings_are_cached_apart(client, make_news):
    for _ in range(25):
        make_news()
    english, japanese = client.get("/news/"), client.get("/ja/news/")
    assert english["X-Cache"] == japanese["X-Cache"] == "MISS"
    assert 'lang="en"' in english.content.decode() and 'lang="ja"' in japanese.content.decode()
    assert client.get("/news/?page=2")["X-Cache"] == "MISS"
    assert client.get("/ja/news/")["X-Cache"] == "HIT"
    assert client.get("/news/?page=2").context is None  # HIT: no template rendered


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/news/no-such-story/", "/news/?year=abc", "/countries/atlantis/card.png"])
def test_errors_are_never_cached(client, url):
    client.get(url)
    response = client.get(url)
    assert response.status_code in (400, 404)
    assert "X-Cache" not in response


@pytest.mark.django_db
def test_post_is_never_answered_from_the_cache(client, story):
    client.get("/news/")
    assert "X-Cache" not in client.post("/news/")


@pytest.mark.django_db
def test_a_response_that_sets_a_cookie_is_not_stored(rf):
    def render(request):
        response = HttpResponse("hello")
        response.set_cookie("flavour", "oat")
        return response

    middleware = PageCacheMiddleware(render)
    responses = [middleware(rf.get("/")) for _ in range(2)]
    assert ["X-Cache" in response for response in responses] == [False, False]
    assert all(response.cookies["flavour"].value == "oat" for response in responses)


@pytest.mark.django_db
def test_the_page_cache_can_be_turned_off(client, story, settings):
    settings.PAGE_CACHE = False
    assert client.get("/news/")["X-Cache"] == "MISS"
    second = client.get("/news/")
    assert second["X-Cache"] == "MISS" and second.context is not None


@pytest.mark.django_db
def test_a_cache_outage_serves_fresh_pages(client, story, shared_cache_down):
    for _ in range(2):
        response = client.get("/news/")
        assert response.status_code == 200 and response["X-Cache"] == "MISS"
        assert "Kono visits Ljubljana" in response.content.decode()


@pytest.mark.django_db
def test_scheduled_story_appears_at_its_time_without_any_cron(client, make_news, make_country):
    slovenia = make_country(name="Slovenia")
    make_news(title="Already out", countries=[slovenia])
    when = timezone.now() + datetime.timedelta(hours=1)
    make_news(title="Embargoed visit", slug="embargoed-visit", publish_at=when, countries=[slovenia])
    urls = ["/", "/news/", "/countries/slovenia/", "/news/feed/", "/sitemap.xml"]
    for url in urls:
        assert "Embargoed visit" not in client.get(url).content.decode()
        assert client.get(url)["X-Cache"] == "HIT"
    with time_machine.travel(when + datetime.timedelta(minutes=1)):
        for url in urls:
            response = client.get(url)
            assert response["X-Cache"] == "MISS", url
            assert (
                "Embargoed visit" in response.content.decode()
                or "embargoed-visit" in response.content.decode()
            )
        assert client.get("/partners/")["X-Cache"] == "MISS"  # first visit: nothing was cached


def _directives(response):
    return dict((part.strip().split("=") + [""])[:2] for part in response["Cache-Control"].split(","))


@pytest.mark.django_db
def test_browsers_and_cdns_keep_a_page_no_longer_than_until_the_next_scheduled_story(client, make_news):
    make_news(title="Already out")
    start = timezone.now().replace(microsecond=0)
    with time_machine.travel(start, tick=False):
        make_news(title="Due soon", publish_at=start + datetime.timedelta(seconds=90))
        first, replayed = client.get("/news/"), client.get("/news/")
    assert (first["X-Cache"], replayed["X-Cache"]) == ("MISS", "HIT")
    for response in (first, replayed):
        assert _directives(response) == {"public": "", "max-age": "60", "s-maxage": "90"}
    with time_machine.travel(start + datetime.timedelta(seconds=80), tick=False):
        later = client.get("/news/")
        assert later["X-Cache"] == "HIT"
        assert _directives(later) == {"public": "", "max-age": "10", "s-maxage": "10"}
    with time_machine.travel(start + datetime.timedelta(seconds=91), tick=False):
        out = client.get("/news/")
    assert out["X-Cache"] == "MISS" and "Due soon" in out.content.decode()
    # Nothing else is scheduled: the usual freshness again, stored as such.
    for response in (out, client.get("/news/")):
        assert _directives(response)["s-maxage"] == "300"


@pytest.mark.django_db
def test_a_view_that_chose_its_own_freshness_keeps_it_when_a_story_is_due(client, make_news, make_country):
    make_country(name="Slovenia")
    make_news(title="Due soon", publish_at=timezone.now() + datetime.timedelta(seconds=90))
    assert int(_directives(client.get("/countries/slovenia/"))["s-maxage"]) <= 90
    for _ in range(2):  # rendered, then from the cache
        card = client.get("/countries/slovenia/card.png")
        assert card["Cache-Control"] == "public, max-age=3600"


@pytest.mark.django_db
def test_a_change_made_by_another_server_is_seen_within_the_near_cache_window(client, story, settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 60
    settings.PAGE_CACHE_LISTEN = False  # nobody announces the change (with Redis, a listener would hear it)
    client.get("/news/")
    # Another server bumps "news" in the shared cache; this process trusts its view for a while.
    caches["shared"].set("gen:news", "from-elsewhere", timeout=None)
    assert client.get("/news/")["X-Cache"] == "HIT"
    settings.PAGE_CACHE_LOCAL_SECONDS = 0
    assert client.get("/news/")["X-Cache"] == "MISS"


@pytest.mark.django_db
def test_a_release_makes_every_stored_page_stale(client, story):
    urls = ["/", "/news/", "/countries/", "/partners/", "/chronology/"]
    for url in urls:
        client.get(url)
    page_cache.refresh_every_page()
    assert [client.get(url)["X-Cache"] for url in urls] == ["MISS"] * len(urls)


@pytest.mark.django_db
def test_card_and_qr_code_are_cached_until_their_country_changes(client, make_country):
    slovenia = make_country(name="Slovenia")
    card = client.get("/countries/slovenia/card.png")
    assert card["X-Cache"] == "MISS" and card["Cache-Control"] == "public, max-age=3600"
    assert client.get("/countries/slovenia/card.png")["X-Cache"] == "HIT"
    assert client.get("/countries/slovenia/qr.svg")["X-Cache"] == "MISS"
    assert client.get("/countries/slovenia/qr.svg")["X-Cache"] == "HIT"
    TradeFigure.objects.create(country=slovenia, year=2023, exports_to_japan=150, imports_from_japan=90)
    refreshed = client.get("/countries/slovenia/card.png")
    assert refreshed["X-Cache"] == "MISS"
    assert refreshed.content != card.content  # drawn again, with the new figure


@pytest.mark.django_db
def test_a_changed_slug_stops_serving_the_old_cached_page(client, make_news):
    item = make_news(slug="old-slug")
    assert client.get("/news/old-slug/").status_code == 200
    item.slug = "new-slug"
    item.save()
    response = client.get("/news/old-slug/")
    assert response.status_code == 301 and response["Location"] == "/news/new-slug/"


@pytest.mark.django_db
def test_the_admin_is_never_stored_by_browsers_or_proxies(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser("boss", "boss@example.org", "a long phrase")
    )
    cache_control = client.get("/admin/")["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


@pytest.mark.django_db
def test_a_cached_page_keeps_every_header_the_stack_gave_it(client, make_country):
    make_country(name="Slovenia")
    for _ in range(2):
        profile, embed = client.get("/countries/slovenia/"), client.get("/ja/countries/slovenia/embed/")
    assert profile["X-Cache"] == embed["X-Cache"] == "HIT"
    assert profile["X-Frame-Options"] == "DENY" and "X-Frame-Options" not in embed
    assert profile["X-Content-Type-Options"] == "nosniff"
    assert (profile["Content-Language"], embed["Content-Language"]) == ("en", "ja")


@pytest.mark.django_db
def test_health_checks_never_touch_the_page_cache(client):
    for _ in range(2):
        response = client.get("/healthz")
        assert response.status_code == 200 and "X-Cache" not in response
