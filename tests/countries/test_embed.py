"""Only the embed route may be framed by other sites; every other page refuses.

The whole policy of each route is checked in tests/security/test_headers.py.
"""

import pytest

pytestmark = pytest.mark.django_db


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
