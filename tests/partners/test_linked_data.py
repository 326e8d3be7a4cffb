"""Structured data of a partner's page: an Organization of its kind, fresh and cached, in both languages."""

import pytest

from tests.helpers.images import image_upload
from tests.helpers.linked_data import SITE_URL, answers, documents, urls_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]


@pytest.mark.parametrize("prefix", ["", "/ja"])
def test_a_partner_is_an_organisation_of_its_kind(client, make_partner, make_country, prefix):
    serbia = make_country(name="Serbia", iso_code="RS")
    partner = make_partner(
        name="Embassy of Serbia in Tokyo",
        slug="embassy-of-serbia",
        kind="embassy",
        country=serbia,
        website="https://www.serbianembassy.jp/",
        address="4-7-24 Kitashinagawa\nShinagawa-ku, Tokyo",
        logo=image_upload("logo.png", fmt="PNG", size=(200, 200)),
    )
    [document] = documents(client, f"{prefix}/partners/{partner.slug}/")
    assert document["@type"] == "GovernmentOrganization"
    assert document["name"] == "Embassy of Serbia in Tokyo"
    assert document["url"] == "https://www.serbianembassy.jp/" and document["sameAs"] == [document["url"]]
    assert document["mainEntityOfPage"] == f"{SITE_URL}{prefix}/partners/embassy-of-serbia/"
    assert document["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "4-7-24 Kitashinagawa Shinagawa-ku, Tokyo",
        "addressCountry": "RS",
    }
    assert (document["logo"]["width"], document["logo"]["height"]) == (200, 200)
    for url in set(urls_in(document)) - {"https://www.serbianembassy.jp/"}:
        assert answers(client, url).status_code == 200, url
