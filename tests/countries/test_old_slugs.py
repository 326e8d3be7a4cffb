"""A renamed country: every printed address with its old slug follows it with a 301."""

import pytest

OLD, NEW = "slovenia", "republic-of-slovenia"


def addresses(slug):
    """Every address that names a country by its slug, in English and Japanese."""
    paths = [
        f"/countries/{slug}/",
        f"/countries/{slug}/embed/",
        f"/countries/{slug}/card.png",
        f"/countries/{slug}/qr.svg",
        f"/countries/{slug}/qr.png",
        f"/countries/{slug}/feed/",
        f"/countries/{slug}/feed/atom/",
        f"/news/?country={slug}",
        f"/chronology/?country={slug}",
        f"/chronology/{slug}/",
    ]
    return [prefix + path for prefix in ("", "/ja") for path in paths]


@pytest.fixture
def renamed(slovenia):
    slovenia.slug = NEW
    slovenia.save()
    return slovenia


def test_every_address_with_the_old_slug_redirects_permanently_first_and_cached(client, slovenia):
    # Each address is answered (and cached) while the slug is current...
    for url in addresses(OLD):
        assert client.get(url).status_code == 200, url
    slovenia.slug = NEW
    slovenia.save()
    # ...and after the rename, the first and the second answer both send readers on.
    for old, new in zip(addresses(OLD), addresses(NEW), strict=True):
        for attempt in ("first", "cached"):
            response = client.get(old)
            assert (response.status_code, response.get("Location")) == (301, new), (old, attempt)
        assert client.get(new).status_code == 200, new
        assert client.get(new).status_code == 200, new


def test_the_old_slug_redirect_keeps_the_other_filters_and_parameters(client, renamed, make_category):
    make_category("visit")
    response = client.get(f"/ja/news/?kind=visit&country={OLD}&utm_source=print")
    assert response.status_code == 301
    assert response["Location"] == f"/ja/news/?kind=visit&country={NEW}&utm_source=print"
    response = client.get(f"/chronology/?country={OLD}&category=visit&from=1990")
    assert response["Location"] == f"/chronology/?country={NEW}&category=visit&from=1990"
    response = client.get(f"/countries/{OLD}/feed/?utm_source=print")
    assert response["Location"] == f"/countries/{NEW}/feed/?utm_source=print"


def test_one_old_slug_among_several_countries_is_put_right(client, renamed, make_country):
    make_country(name="Croatia", slug="croatia", iso_code="HR")
    response = client.get(f"/chronology/?country=croatia&country={OLD}")
    assert response["Location"] == f"/chronology/?country=croatia&country={NEW}"


def test_an_unknown_or_unpublished_slug_is_still_refused(client, renamed, make_country):
    assert client.get("/news/?country=atlantis").status_code == 400
    assert client.get("/chronology/?country=atlantis").status_code == 400
    assert client.get("/countries/atlantis/feed/").status_code == 404
    renamed.is_published = False
    renamed.save()
    assert client.get(f"/news/?country={OLD}").status_code == 400
    assert client.get(f"/countries/{OLD}/feed/").status_code == 404
    assert client.get(f"/countries/{OLD}/feed/atom/").status_code == 404
