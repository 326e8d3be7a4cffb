import io
import xml.etree.ElementTree as ET

import pytest
import zxingcpp
from PIL import Image, ImageDraw

from countries import qr

SVG = "{http://www.w3.org/2000/svg}"


def rasterise(svg_bytes, scale=8):
    """Draw an SVG made of <rect>s (as ours is) with Pillow; fail on anything else it contains."""
    root = ET.fromstring(svg_bytes)
    _x, _y, width, height = (int(float(n)) for n in root.get("viewBox").split())
    image = Image.new("RGB", (width * scale, height * scale), "#808080")  # grey: not drawn
    draw = ImageDraw.Draw(image)

    def walk(element, fill):
        fill = element.get("fill", fill)
        for child in element:
            if child.tag == f"{SVG}rect":
                x, y = float(child.get("x", 0)), float(child.get("y", 0))
                w, h = float(child.get("width")), float(child.get("height"))
                colour = child.get("fill", fill)
                draw.rectangle((x * scale, y * scale, (x + w) * scale - 1, (y + h) * scale - 1), fill=colour)
            elif child.tag == f"{SVG}g":
                walk(child, fill)
            else:
                assert child.tag == f"{SVG}title", f"unexpected {child.tag}"

    walk(root, "#000")
    return image


def decode(image):
    return [result.text for result in zxingcpp.read_barcodes(image)]


@pytest.mark.django_db
def test_qr_svg_decodes_to_the_profiles_canonical_url(client, slovenia, settings):
    settings.SITE_URL = "https://balkan.example"
    response = client.get("/countries/slovenia/qr.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    image = rasterise(response.content)
    # Every pixel was drawn: the white quiet zone and the black modules.
    assert {colour for _count, colour in image.getcolors()} == {(0, 0, 0), (255, 255, 255)}
    assert decode(image) == ["https://balkan.example/countries/slovenia/"]


@pytest.mark.django_db
def test_qr_of_the_japanese_profile_leads_to_the_japanese_page(client, slovenia, settings):
    settings.SITE_URL = "https://balkan.example"
    image = rasterise(client.get("/ja/countries/slovenia/qr.svg").content)
    assert decode(image) == ["https://balkan.example/ja/countries/slovenia/"]


@pytest.mark.django_db
def test_qr_png_decodes_to_the_profiles_canonical_url(client, slovenia, settings):
    settings.SITE_URL = "https://balkan.example"
    response = client.get("/countries/slovenia/qr.png")
    assert response["Content-Type"] == "image/png"
    assert decode(Image.open(io.BytesIO(response.content))) == ["https://balkan.example/countries/slovenia/"]


@pytest.mark.django_db
def test_qr_follows_the_site_url_not_the_requests_host(client, slovenia, settings):
    settings.SITE_URL = "https://balkan.example"
    settings.ALLOWED_HOSTS = ["evil.example"]
    response = client.get("/countries/slovenia/qr.svg", headers={"host": "evil.example"})
    assert decode(rasterise(response.content)) == ["https://balkan.example/countries/slovenia/"]


def test_qr_svg_has_a_quiet_zone_and_a_title():
    svg = qr.qr_svg("https://balkan.example/countries/slovenia/", title="QR code & more")
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text == "QR code & more"
    matrix = qr.qr_matrix("https://balkan.example/countries/slovenia/")
    assert not any(matrix[0]) and not any(row[0] for row in matrix)
    assert root.get("viewBox") == f"0 0 {len(matrix)} {len(matrix)}"
