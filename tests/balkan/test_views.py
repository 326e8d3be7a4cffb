import pytest
from django.db import DatabaseError


@pytest.mark.django_db
def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_fails(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(self, sql, params=None):
        raise DatabaseError("gone")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db  # a cached page: the cache looks up the next scheduled story
def test_robots_txt_names_the_sitemap(client, settings):
    settings.SITE_URL = "https://balkan.example"
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: https://balkan.example/sitemap.xml" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/no-such-page/",
        "/news/no-such-story/",
        "/countries/atlantis/",
        "/partners/nobody/",
        "/ja/news/no-such-story/",
        "/countries/atlantis/card.png",
        "/countries/atlantis/qr.svg",
        "/countries/atlantis/embed/",
        "/countries/atlantis/feed/",
    ],
)
def test_unknown_addresses_are_404_pages_in_the_site_style(client, url):
    response = client.get(url)
    assert response.status_code == 404
    if response["Content-Type"].startswith("text/html"):
        html = response.content.decode()
        assert 'class="site-header"' in html
        assert "Page not found" in html or "ページが見つかりません" in html


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["abc", "99999", "0", "-1", "1.5"])
def test_bad_page_numbers_are_404(client, make_news, page):
    make_news()
    response = client.get(f"/news/?page={page}")
    assert response.status_code == 404
    assert 'class="site-header"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["year=abc", "year=99999", "kind=nonsense", "country=no-such-country", "tag=%3Cscript%3E"]
)
def test_malformed_news_filters_are_a_clear_400(client, query):
    for _visit in range(2):  # the second reader too: a 400 is never stored
        response = client.get(f"/news/?{query}")
        assert response.status_code == 400
        html = response.content.decode()
        # The news page itself, with what is wrong said above the form (and beside the field).
        assert 'class="filters__errors" role="alert"' in html and "<h1>News</h1>" in html
        assert "<script>" not in html


@pytest.mark.django_db
def test_malformed_chronology_filter_is_a_clear_400(client):
    response = client.get("/chronology/?category=nope")
    assert response.status_code == 400


@pytest.mark.django_db
def test_server_error_page_is_friendly(client, settings, monkeypatch):
    from news import views

    def boom(self):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.NewsItemListView, "get_queryset", boom)
    client.raise_request_exception = False
    response = client.get("/news/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
