"""The network as publisher in every page's structured data: absolute addresses, a logo Google accepts."""

import pytest
from django.utils import translation

from core.linked_data import LOGO_SIZE, absolute, image, publisher

pytestmark = pytest.mark.usefixtures("site_url")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/news/", "https://balkan.example/news/"),
        ("https://elsewhere.example/a", "https://elsewhere.example/a"),
        ("http://elsewhere.example/a", "http://elsewhere.example/a"),
        ("", ""),
        (None, None),
    ],
)
def test_an_address_on_this_site_is_made_absolute_and_others_are_left(path, expected):
    assert absolute(path) == expected


def test_the_publisher_is_the_network_with_an_absolute_logo_big_enough_for_google():
    data = publisher("https://balkan.example/")
    assert data["@type"] == "Organization"
    assert data["@id"] == "https://balkan.example/#organization"
    assert data["name"] == "Japan–Balkan Network"
    assert data["logo"]["url"].startswith("https://balkan.example/static/")
    assert data["logo"]["url"].endswith(".svg")
    assert data["logo"]["width"] == data["logo"]["height"] == LOGO_SIZE >= 112


def test_the_publishers_name_is_in_the_pages_language():
    with translation.override("ja"):
        name = publisher("https://balkan.example/ja/")["name"]
    assert name != "Japan–Balkan Network"
    assert name


def test_an_image_object_carries_its_size():
    assert image("https://balkan.example/a.jpg", 1200, 630) == {
        "@type": "ImageObject",
        "url": "https://balkan.example/a.jpg",
        "width": 1200,
        "height": 630,
    }
