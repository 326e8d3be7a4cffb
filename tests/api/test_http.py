"""The API as HTTP: its OpenAPI schema, docs page, ETags, page cache, rate limit, CORS and bad input."""

import datetime
import re

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from openapi_spec_validator import validate

from news.models import NewsItem

pytestmark = pytest.mark.django_db


def test_the_schema_is_valid_openapi_3_and_names_every_list(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/news/", "/api/v1/countries/", "/api/v1/chronology/", "/api/v1/partners/"} <= set(
        schema["paths"]
    )
    parameters = {p["name"] for p in schema["paths"]["/api/v1/news/"]["get"]["parameters"]}
    assert {"lang", "cursor", "limit", "country", "tag", "kind", "year"} <= parameters
    assert client.get("/api/v1/openapi.json")["X-Cache"] == "HIT"


def test_the_docs_page_loads_its_own_scripts_under_the_sites_csp(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert scripts and all(src.startswith("/static/ninja/") for src in scripts)
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert not re.search(r"<script>(?!\s*</script>)", html)  # no inline script for the CSP to refuse
    for src in scripts:
        assert client.get(src).status_code == 200


def test_an_unchanged_answer_is_a_304_for_an_etag_sent_back(client, make_news):
    make_news()
    first = client.get("/api/v1/news/")
    etag = first["ETag"]
    assert etag
    for _ in range(2):  # fresh from the cache, then again
        again = client.get("/api/v1/news/", headers={"If-None-Match": etag})
        assert again.status_code == 304
        assert again.content == b""
    make_news()
    assert client.get("/api/v1/news/", headers={"If-None-Match": etag}).status_code == 200


def test_a_story_published_shows_in_the_cached_list_and_its_detail(client, make_news, make_country):
    country = make_country()
    make_news(countries=[country])
    draft = make_news(
        status="draft", countries=[country], publish_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    urls = ["/api/v1/news/", "/api/v1/news/?country=slovenia", "/api/v1/news/?lang=ja"]
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Cache"] == "HIT"
    assert client.get(f"/api/v1/news/{draft.slug}/").status_code == 404
    draft.status = NewsItem.Status.PUBLISHED
    draft.save()
    for url in urls:
        assert draft.slug in [item["slug"] for item in client.get(url).json()["items"]]
    assert client.get(f"/api/v1/news/{draft.slug}/").status_code == 200


def test_a_changed_trade_figure_shows_in_the_cached_country_list(client, make_country):
    from model_bakery import baker

    country = make_country()
    figure = baker.make(
        "countries.TradeFigure", country=country, year=2020, exports_to_japan=1, imports_from_japan=2
    )
    client.get("/api/v1/countries/")
    figure.exports_to_japan = 5
    figure.save()
    assert client.get("/api/v1/countries/").json()["items"][0]["trade_figures"][0]["exports_to_japan"] == 5


def test_too_many_requests_from_one_client_get_429_with_retry_after(client, settings, make_news):
    settings.API_RATE_LIMIT = "3/min"
    make_news()
    # Different addresses, so that each is a cache miss that reaches the API (cached hits cost nothing).
    answers = [client.get(f"/api/v1/news/?limit={n}", REMOTE_ADDR="203.0.113.5") for n in range(1, 5)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert int(answers[-1]["Retry-After"]) > 0
    assert "detail" in answers[-1].json()
    # Another client is not held back, and the 429 was not cached for anyone.
    assert client.get("/api/v1/news/?limit=4", REMOTE_ADDR="203.0.113.6").status_code == 200
    # A page already cached is answered to the limited client too, without reaching the limiter.
    assert client.get("/api/v1/news/?limit=1", REMOTE_ADDR="203.0.113.5").status_code == 200


def test_get_answers_allow_any_origin_fresh_and_cached_and_other_paths_get_no_cors(client, make_news):
    make_news()
    for _ in range(2):
        response = client.get("/api/v1/news/", headers={"Origin": "https://embassy.example"})
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/news/",
        headers={
            "Origin": "https://embassy.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "if-none-match" in preflight["Access-Control-Allow-Headers"]
    page = client.get("/news/", headers={"Origin": "https://embassy.example"})
    assert "Access-Control-Allow-Origin" not in page


def test_the_api_is_read_only(client, make_news):
    item = make_news()
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)(f"/api/v1/news/{item.slug}/").status_code == 405


@pytest.mark.parametrize(
    "url, parameter",
    [
        ("/api/v1/news/?year=abc", "year"),
        ("/api/v1/news/?year=99999999999999999999999", "year"),
        ("/api/v1/news/?year=1700", "year"),
        ("/api/v1/news/?kind=nonsense", "kind"),
        ("/api/v1/news/?country=atlantis", "country"),
        ("/api/v1/news/?tag=%F0%9F%92%A5", "tag"),
        ("/api/v1/news/?limit=0", "limit"),
        ("/api/v1/news/?limit=1000", "limit"),
        ("/api/v1/news/?limit=-1", "limit"),
        ("/api/v1/news/?lang=xx", "lang"),
        ("/api/v1/news/?country=" + "a" * 500, "country"),
        ("/api/v1/chronology/?from=2000&to=1990", "to"),
        ("/api/v1/chronology/?country=atlantis", "country"),
        ("/api/v1/chronology/?category=nope", "category"),
        ("/api/v1/partners/?country=atlantis", "country"),
        ("/api/v1/countries/serbia/?lang=../../etc", "lang"),
    ],
)
def test_hostile_parameters_get_a_400_naming_the_parameter(client, make_country, url, parameter):
    make_country(name="Serbia")
    response = client.get(url)
    assert response.status_code == 400, response.content
    body = response.json()
    assert parameter in [error["parameter"] for error in body["errors"]]
    assert parameter in body["detail"]


LIST_PARAMETERS = {
    "/api/v1/news/": ["country", "tag", "kind", "year", "cursor", "limit", "lang"],
    "/api/v1/chronology/": ["country", "category", "from", "to", "cursor", "limit", "lang"],
    "/api/v1/partners/": ["country", "cursor", "limit", "lang"],
    "/api/v1/countries/": ["cursor", "limit", "lang"],
}


@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.data(),
    value=st.text(st.characters(blacklist_categories=["Cs"]), max_size=300)
    | st.sampled_from(["-1", "0", "1e9", "NaN", "[]", "{}", "null", "%00", "２０２０"]),
)
def test_any_parameter_value_gets_a_200_or_a_400_never_a_500(client, data, value):
    url = data.draw(st.sampled_from(sorted(LIST_PARAMETERS)))
    name = data.draw(st.sampled_from(LIST_PARAMETERS[url]))
    response = client.get(url, {name: value})
    assert response.status_code in (200, 400), (name, value, response.status_code)
    assert response["Content-Type"].startswith(("application/json", "text/"))


def test_errors_are_written_in_the_requested_language(client, make_news):
    make_news()
    body = client.get("/api/v1/news/?lang=ja&cursor=abc").json()
    assert body["detail"].startswith("クエリパラメータ")
    assert body["errors"] == [
        {"parameter": "cursor", "message": "このカーソルはこの一覧が発行したものではありません。"}
    ]


def test_head_is_answered_like_get_fresh_and_cached(client, make_news):
    make_news()
    fresh = client.head("/api/v1/news/")
    cached = client.head("/api/v1/news/")
    assert (fresh.status_code, cached.status_code) == (200, 200)
    assert (fresh["X-Cache"], cached["X-Cache"]) == ("MISS", "HIT")
    assert fresh["ETag"] == cached["ETag"] == client.get("/api/v1/news/")["ETag"]
    assert client.head("/api/v1/news/nope/").status_code == 404
