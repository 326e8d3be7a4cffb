"""Stored pages answered before Django runs (pagecache.wsgi): the same bytes and headers, or Django answers."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from pagecache.wsgi import Replaying
from tests.helpers.wsgi import Django, ask
from tests.helpers.wsgi import site as served_site

pytestmark = pytest.mark.django_db

# What may differ between a fresh answer and a cached one. Every public route, in both languages and
# every encoding, is compared fresh and answered here in tests/pagecache/test_middleware.py.
PER_ANSWER = {"Date", "X-Cache"}


@pytest.fixture
def served():
    return served_site()


@pytest.fixture
def site(served):
    return served[0]


@pytest.fixture
def django_app(served):
    return served[1]


def without_per_answer(headers):
    return [(name, value) for name, value in headers.items() if name not in PER_ANSWER]


def test_a_page_not_stored_yet_is_made_by_django_and_then_answered_before_it(site_content, site, django_app):
    first, second = ask(site, "/news/"), ask(site, "/news/")
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    assert django_app.requests == 1
    assert without_per_answer(first.headers) == without_per_answer(second.headers)
    assert first.content == second.content


@pytest.mark.parametrize(
    ("why", "request_headers"),
    [
        ("a reader with a session", {"HTTP_COOKIE": "sessionid=abc"}),
        ("pending messages", {"HTTP_COOKIE": "messages=abc"}),
        ("a conditional request (Django answers 304)", {"HTTP_IF_NONE_MATCH": '"x"'}),
        ("an unknown host (Django answers 400)", {"HTTP_HOST": "evil.example"}),
    ],
)
def test_what_the_page_cache_must_not_answer_as_stored_goes_to_django(
    client, site_content, site, django_app, why, request_headers
):
    client.get("/countries/serbia/")
    ask(site, "/countries/serbia/", **request_headers)
    assert django_app.requests == 1, why


def test_a_head_request_and_a_preview_go_to_django(client, site_content, site, django_app):
    client.get("/countries/serbia/")
    assert ask(site, "/countries/serbia/", method="head").status_code == 200
    assert "X-Cache" not in ask(site, "/countries/serbia/?preview=1")
    assert django_app.requests == 2


def test_the_api_gets_its_cors_headers_from_django_on_every_answer(site_content, site, django_app):
    answers = [ask(site, "/api/v1/countries/", HTTP_ORIGIN="https://embassy.example") for _ in range(3)]
    assert [answer["X-Cache"] for answer in answers] == ["MISS", "HIT", "HIT"]
    assert {answer["Access-Control-Allow-Origin"] for answer in answers} == {"*"}
    assert django_app.requests == 3


def test_nothing_but_cors_may_come_before_the_page_cache(settings):
    settings.MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", *settings.MIDDLEWARE]
    with pytest.raises(ImproperlyConfigured, match="SecurityMiddleware"):
        Replaying(Django())


def test_a_lookup_that_reads_the_database_ends_its_request_as_django_would(client, site_content, site):
    from django.core.signals import request_finished

    from pagecache import store
    from pagecache.models import PendingBump

    client.get("/countries/serbia/")
    finished = []

    def note(sender, **kwargs):
        finished.append(sender)

    request_finished.connect(note)
    try:
        assert ask(site, "/countries/serbia/")["X-Cache"] == "HIT"
        assert finished == [], "nothing read from the database: nothing to end"
        PendingBump.objects.all().delete()  # the site's own refreshes were delivered (at commit)
        store.forget_near_cache()  # as after an outage: nothing read is trusted, the outbox is read again
        store.near.missed = True
        assert ask(site, "/countries/serbia/")["X-Cache"] == "HIT"
        assert finished == [Replaying], "its connection is let go of (or kept) as at the end of a request"
    finally:
        request_finished.disconnect(note)
