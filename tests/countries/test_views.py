import io
from decimal import Decimal

import pytest
import zxingcpp
from PIL import Image

from countries.models import TradeFigure


@pytest.fixture
def slovenia(make_country):
    country = make_country(name="Slovenia", slug="slovenia", iso_code="SI", capital="Ljubljana")
    TradeFigure.objects.create(
        country=country,
        year=2018,
        exports_to_japan=Decimal("119"),
        imports_from_japan=Decimal("86"),
        currency="EUR",
    )
    return country


@pytest.mark.django_db
def test_profile_shows_the_trade_chart_and_table(client, slovenia):
    html = client.get("/countries/slovenia/").content.decode()
    assert "<svg" in html and "<table" in html
    assert "EUR 119" in html and "EUR 86" in html


@pytest.mark.django_db
def test_unpublished_country_has_no_public_profile(client, make_country):
    make_country(name="Japan", slug="japan", iso_code="JP", is_published=False)
    assert client.get("/countries/japan/").status_code == 404
    assert list(client.get("/countries/").context["object_list"]) == []


@pytest.mark.django_db
def test_card_is_a_1200_by_630_png(client, slovenia):
    response = client.get("/countries/slovenia/card.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG" and image.size == (1200, 630)


@pytest.mark.django_db
def test_qr_code_encodes_the_canonical_url(client, slovenia, settings):
    settings.SITE_URL = "https://balkan.example"
    response = client.get("/countries/slovenia/qr.svg")
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content


@pytest.mark.django_db
def test_qr_png_of_the_svg_decodes_to_the_profile_url(slovenia, settings):
    from countries.cards import qr_png

    settings.SITE_URL = "https://balkan.example"
    decoded = zxingcpp.read_barcodes(
        Image.open(io.BytesIO(qr_png("https://balkan.example/countries/slovenia/")))
    )
    assert [result.text for result in decoded] == ["https://balkan.example/countries/slovenia/"]


@pytest.mark.django_db
def test_embed_is_framable_and_profile_is_not(client, slovenia):
    embed = client.get("/countries/slovenia/embed/")
    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed
    assert client.get("/countries/slovenia/")["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_country_feed_lists_only_its_news(client, slovenia, make_news):
    ours = make_news(title="Kono visits Ljubljana", countries=[slovenia])
    make_news(title="Unrelated story")
    body = client.get("/countries/slovenia/feed/").content.decode()
    assert ours.title in body and "Unrelated story" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 30])
def test_profile_costs_a_fixed_number_of_queries(
    client, slovenia, make_news, make_entry, make_partner, django_assert_num_queries, count
):
    for _ in range(count):
        make_news(countries=[slovenia])
        make_entry(countries=[slovenia])
        make_partner(country=slovenia)
    # country, trade, embassies, partners, news + countries, entries + countries + news
    with django_assert_num_queries(9):
        assert client.get("/countries/slovenia/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 30])
def test_country_list_costs_a_fixed_number_of_queries(client, make_country, django_assert_num_queries, count):
    for n in range(count):
        make_country(name=f"Country {n}", iso_code=f"{chr(65 + n // 26)}{chr(65 + n % 26)}")
    with django_assert_num_queries(1):
        assert client.get("/countries/").status_code == 200
