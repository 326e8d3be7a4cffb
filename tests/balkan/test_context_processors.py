"""Every template knows the site's name and its absolute address."""

import pytest

from balkan.context_processors import site


def test_the_site_name_and_address_come_from_the_settings(rf, settings):
    settings.SITE_URL = "https://balkan.example"
    assert site(rf.get("/")) == {"SITE_NAME": "Japan–Balkan Network", "SITE_URL": "https://balkan.example"}


@pytest.mark.django_db
def test_pages_are_rendered_with_them(client, settings, site_pages):
    settings.SITE_URL = "https://balkan.example"
    response = client.get("/about/")
    assert response.context["SITE_NAME"] == "Japan–Balkan Network"
    assert response.context["SITE_URL"] == "https://balkan.example"
