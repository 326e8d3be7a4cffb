import pytest

pytestmark = pytest.mark.django_db


def test_country_admin_shows_what_embassies_share(admin_client, slovenia):
    html = admin_client.get(f"/admin/countries/country/{slovenia.pk}/change/").content.decode()
    assert '<img src="/countries/slovenia/card.png"' in html
    assert 'href="/countries/slovenia/qr.svg"' in html and 'href="/countries/slovenia/embed/"' in html


def test_unpublished_or_new_country_has_nothing_to_share_yet(admin_client, make_country):
    japan = make_country(name="Japan", slug="japan", iso_code="JP", is_published=False)
    for url in (f"/admin/countries/country/{japan.pk}/change/", "/admin/countries/country/add/"):
        html = admin_client.get(url).content.decode()
        assert "card.png" not in html
        assert "Published profiles get a social card" in html
