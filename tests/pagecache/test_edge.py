"""A real Varnish (deploy/varnish/default.vcl) in front of a real gunicorn: a change purges exactly its pages."""

import brotli
import pytest

from balkan.models import Page
from news.models import NewsItem
from pagecache import edge

REFRESHED = ["/", "/news/", "/ja/news/", "/news/feed/", "/countries/slovenia/", "/sitemap.xml"]
UNTOUCHED = ["/countries/", "/countries/romania/", "/countries/slovenia/embed/", "/partners/", "/about/"]


def edge_state(varnish, path, **headers):
    status, answer, body = varnish.get(path, headers)
    return status, answer.get("X-Edge-Cache"), body


@pytest.mark.django_db(transaction=True)
def test_a_published_story_purges_exactly_the_pages_that_show_it(edge_cache, make_country, make_news):
    slovenia = make_country(name="Slovenia", iso_code="SI")
    make_country(name="Romania", iso_code="RO")
    make_news(title="Earlier story", countries=[slovenia])
    Page.objects.create(key="about", title="About", body="<p>About us.</p>")
    for path in REFRESHED + UNTOUCHED:
        assert edge_state(edge_cache, path)[:2] == (200, "MISS"), path
        assert edge_state(edge_cache, path)[:2] == (200, "HIT"), path

    item = NewsItem.objects.create(
        title="Kono visits Ljubljana", slug="kono-visits-ljubljana", summary="A visit.", status="published"
    )
    item.countries.add(slovenia)

    for path in REFRESHED:
        status, cached, body = edge_state(edge_cache, path)
        assert (status, cached) == (200, "MISS"), path
        assert "Kono visits Ljubljana" in body or "kono-visits-ljubljana" in body, path
        assert edge_state(edge_cache, path)[:2] == (200, "HIT"), path
    for path in UNTOUCHED:
        status, cached, body = edge_state(edge_cache, path)
        assert (status, cached) == (200, "HIT"), path
        assert "Kono visits Ljubljana" not in body


@pytest.mark.django_db(transaction=True)
def test_the_edge_keeps_the_apps_headers_and_brotli(edge_cache, make_country):
    make_country(name="Slovenia", iso_code="SI")
    path = "/countries/slovenia/embed/"
    answers = [edge_cache.get(path, {"Accept-Encoding": "gzip, deflate, br"}) for _ in range(3)]
    assert [headers["X-Edge-Cache"] for _status, headers, _body in answers] == ["MISS", "HIT", "HIT"]
    for _status, headers, _body in answers:
        assert "frame-ancestors *" in headers["Content-Security-Policy"]
        assert headers["Content-Encoding"] == "br"
        assert edge.SURROGATE_KEY_HEADER not in headers and "xkey" not in headers
    plain = edge_cache.get(path)
    assert "Content-Encoding" not in plain[1]
    assert brotli.decompress(edge_cache_raw(edge_cache, path)) == plain[2].encode()


def edge_cache_raw(varnish, path):
    import urllib.request

    request = urllib.request.Request(varnish.url + path, headers={"Accept-Encoding": "br"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read()


@pytest.mark.django_db(transaction=True)
def test_staff_pass_through_the_edge(edge_cache, make_country):
    make_country(name="Slovenia", iso_code="SI")
    for _ in range(2):
        status, headers, _body = edge_cache.get("/news/", {"Cookie": "sessionid=abc"})
        assert status == 200 and headers["X-Edge-Cache"] == "MISS"
        assert "no-store" in headers["Cache-Control"]
