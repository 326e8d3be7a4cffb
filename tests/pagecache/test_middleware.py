"""What the second visitor gets: every public route, asked again and again, answers as it did fresh."""

import gzip

import brotli
import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token

from pagecache.middleware import PageCacheMiddleware
from tests.helpers import wsgi
from tests.helpers.routes import CACHED_PATHS as PUBLIC_PATHS

MISSING_PATHS = ["/news/no-such-story/", "/ja/news/no-such-story/", "/countries/atlantis/embed/"]
# What may differ between a fresh answer and a cached one.
PER_ANSWER = {"Date", "X-Cache"}
ENCODINGS = ["br, gzip, deflate", "gzip", ""]


def headers_of(response):
    return {key: value for key, value in response.items() if key not in PER_ANSWER}


@pytest.mark.django_db
@pytest.mark.parametrize("accept_encoding", ENCODINGS)
@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_a_cached_answer_has_every_header_and_byte_of_the_fresh_one(
    client, site_content, path, accept_encoding
):
    fresh, *cached = [client.get(path, HTTP_ACCEPT_ENCODING=accept_encoding) for _ in range(3)]
    assert fresh.status_code == 200, path
    assert fresh["X-Cache"] == "MISS"
    # As gunicorn asks: answered before Django runs (pagecache/wsgi.py), in the same order too.
    served, django = wsgi.site()
    replayed = wsgi.ask(served, path, HTTP_ACCEPT_ENCODING=accept_encoding)
    assert django.requests == 0, path
    assert list(headers_of(replayed).items()) == list(headers_of(fresh).items()), path
    for again in [*cached, replayed]:
        assert again["X-Cache"] == "HIT", path
        assert headers_of(again) == headers_of(fresh), path
        assert again.content == fresh.content


@pytest.mark.django_db
@pytest.mark.parametrize("path", MISSING_PATHS)
def test_a_missing_page_answers_the_same_every_time_and_is_not_stored(client, site_content, path):
    answers = [client.get(path) for _ in range(3)]
    assert [answer.status_code for answer in answers] == [404] * 3
    assert all("X-Cache" not in answer for answer in answers)
    assert all(headers_of(answer) == headers_of(answers[0]) for answer in answers)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/countries/serbia/embed/", "/ja/countries/serbia/embed/"])
def test_the_embed_may_be_framed_by_any_site_on_every_load(client, site_content, path):
    for number in range(4):
        response = client.get(path, HTTP_ACCEPT_ENCODING="br")
        assert response["X-Cache"] == ("MISS" if number == 0 else "HIT")
        assert "frame-ancestors *" in response["Content-Security-Policy"]
        assert "X-Frame-Options" not in response


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/ja/news/", "/countries/serbia/"])
def test_every_other_page_refuses_framing_on_every_load(client, site_content, path):
    for _ in range(3):
        response = client.get(path)
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
        assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_security_headers_are_replayed_with_the_page(client, site_content):
    fresh = client.get("/news/")
    cached = client.get("/news/")
    assert cached["X-Cache"] == "HIT"
    for header in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "Cross-Origin-Opener-Policy",
        "Referrer-Policy",
        "X-Content-Type-Options",
        "Content-Language",
        "Vary",
        "Cache-Control",
        "ETag",
        "Last-Modified",
        "Surrogate-Key",
    ):
        assert cached[header] == fresh[header], header


@pytest.mark.django_db
def test_an_english_address_does_not_vary_by_the_browsers_language(client, site_content):
    english = client.get("/news/", HTTP_ACCEPT_LANGUAGE="ja")
    assert english["Content-Language"] == "en" and "Accept-Language" not in english["Vary"]
    assert client.get("/ja/news/")["Content-Language"] == "ja"


# Compression


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/", "/ja/countries/serbia/", "/news/feed/", "/sitemap.xml", "/countries/serbia/qr.svg"]
)
def test_stored_compressed_forms_decompress_to_the_exact_page(client, site_content, path):
    plain = client.get(path, HTTP_ACCEPT_ENCODING="")
    assert "Content-Encoding" not in plain
    for _ in range(2):
        as_br = client.get(path, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        as_gzip = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
        assert as_br["Content-Encoding"] == "br" and brotli.decompress(as_br.content) == plain.content
        assert as_gzip["Content-Encoding"] == "gzip" and gzip.decompress(as_gzip.content) == plain.content
        assert len(as_br.content) < len(plain.content)
        assert as_br["Content-Length"] == str(len(as_br.content))
        for response in (plain, as_br, as_gzip):
            assert "Accept-Encoding" in response["Vary"]
    assert len({plain["ETag"], as_br["ETag"], as_gzip["ETag"]}) == 3


@pytest.mark.django_db
def test_the_readers_preference_between_encodings_is_respected(client, site_content):
    assert client.get("/", HTTP_ACCEPT_ENCODING="br;q=0, gzip")["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in client.get("/", HTTP_ACCEPT_ENCODING="identity")
    assert client.get("/", HTTP_ACCEPT_ENCODING="*")["Content-Encoding"] == "br"


@pytest.mark.django_db
def test_a_compressed_page_is_revalidated_by_its_own_etag(client, site_content):
    first = client.get("/news/", HTTP_ACCEPT_ENCODING="br")
    again = client.get("/news/", HTTP_ACCEPT_ENCODING="br", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again["ETag"] == first["ETag"]


@pytest.mark.django_db
def test_pictures_are_not_compressed(client, site_content):
    card = client.get("/countries/serbia/card.png", HTTP_ACCEPT_ENCODING="br, gzip")
    assert "Content-Encoding" not in card
    assert card.content.startswith(b"\x89PNG")


@pytest.mark.django_db
def test_staff_pages_are_never_compressed_nor_stored(admin_client, site_content):
    for path in ("/news/", "/admin/", "/admin/news/newsitem/", "/admin/password_change/"):
        response = admin_client.get(path, HTTP_ACCEPT_ENCODING="br, gzip")
        assert "Content-Encoding" not in response, path
        assert "X-Cache" not in response, path
    assert "no-store" in admin_client.get("/news/")["Cache-Control"]


@pytest.mark.django_db
def test_a_login_form_with_its_csrf_token_is_never_compressed(client):
    response = client.get("/admin/login/", HTTP_ACCEPT_ENCODING="br, gzip")
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert "Content-Encoding" not in response


@pytest.mark.django_db
def test_a_public_page_that_shows_a_csrf_token_is_neither_stored_nor_compressed(rf, site_content):
    def form_page(request):
        return HttpResponse(f'<form><input name="csrfmiddlewaretoken" value="{get_token(request)}"></form>')

    middleware = PageCacheMiddleware(form_page)
    for _ in range(2):
        response = middleware(rf.get("/about/", HTTP_ACCEPT_ENCODING="br, gzip"))
        assert "Content-Encoding" not in response and "X-Cache" not in response


# Parameters, hosts, floods


def stored_pages():
    cache = caches["default"]
    if hasattr(cache, "_cache"):  # local memory
        return sum(1 for key in cache._cache if ":page:" in key)
    return len(cache.keys("page:*"))


@pytest.mark.django_db
def test_unknown_parameters_neither_store_pages_nor_bypass_the_cache(client, site_content):
    client.get("/")
    client.get("/news/")
    before = stored_pages()
    for number in range(1000):
        path = "/" if number % 2 else "/news/"
        response = client.get(path, {"cb": number, "utm_source": f"x{number}"})
        assert response["X-Cache"] == "HIT"
    assert stored_pages() == before


@pytest.mark.django_db
def test_parameters_a_page_reads_are_part_of_its_address(client, site_content):
    everything = client.get("/news/")
    serbia = client.get("/news/?country=serbia")
    assert serbia["X-Cache"] == "MISS"
    assert client.get("/news/?utm_source=x&country=serbia")["X-Cache"] == "HIT"
    assert everything["X-Cache"] == "MISS"


@pytest.mark.django_db
def test_a_bad_filter_is_answered_and_not_stored(client, site_content):
    for _ in range(2):
        response = client.get("/news/?year=abc")
        assert response.status_code == 400 and "X-Cache" not in response


@pytest.mark.django_db
def test_a_cached_page_is_refused_to_an_unknown_host(client, site_content):
    assert client.get("/")["X-Cache"] == "MISS"
    assert client.get("/")["X-Cache"] == "HIT"
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400


@pytest.mark.django_db
def test_an_old_address_keeps_its_tracking_parameters_when_redirected(client, site_content):
    country = site_content["country"]
    country.slug = "republic-of-serbia"
    country.save()
    response = client.get("/countries/serbia/?utm_source=embassy")
    assert response.status_code == 301
    assert response["Location"] == "/countries/republic-of-serbia/?utm_source=embassy"
