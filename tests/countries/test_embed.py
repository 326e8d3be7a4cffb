"""Only the embed route may be framed by other sites; every other page refuses."""

import pytest

pytestmark = pytest.mark.django_db

CSP_MIDDLEWARE = "csp.middleware.CSPMiddleware"


@pytest.fixture
def pages(slovenia, make_news, site_pages):
    item = make_news(countries=[slovenia])
    return [
        "/",
        "/countries/",
        "/countries/slovenia/",
        "/ja/countries/slovenia/",
        f"/news/{item.slug}/",
        "/news/",
        "/admin/login/",
    ]


@pytest.mark.parametrize("path", ["/countries/slovenia/embed/", "/ja/countries/slovenia/embed/"])
def test_embed_may_be_framed_by_any_site(client, slovenia, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]


def test_every_other_page_refuses_to_be_framed(client, pages):
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["X-Frame-Options"] == "DENY", path


def test_with_a_content_security_policy_only_the_embed_allows_every_frame_ancestor(client, pages, settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, CSP_MIDDLEWARE]
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {"default-src": ["'self'"], "frame-ancestors": ["'none'"]},
    }
    embed = client.get("/countries/slovenia/embed/")["Content-Security-Policy"]
    assert "frame-ancestors *" in embed and "'none'" not in embed
    assert "default-src 'self'" in embed
    for path in pages:
        assert "frame-ancestors 'none'" in client.get(path)["Content-Security-Policy"], path
