"""The country profile in a real browser: on a phone, on a desktop and printed as a handout.

Screenshots are saved under artifacts/screenshots/ for people to look at.
"""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
import zxingcpp
from django.conf import settings as django_settings
from PIL import Image

from countries.models import Embassy, TradeFigure

SCREENSHOTS = Path(django_settings.BASE_DIR) / "artifacts" / "screenshots"
OVERFLOW = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def profile(live_server, settings, make_country, make_news, make_entry, make_partner):
    """A full profile, as embassies will keep them: every section has content."""
    settings.SITE_URL = live_server.url
    country = make_country(
        name="Bosnia and Herzegovina",
        name_ja="ボスニア・ヘルツェゴビナ",
        slug="bosnia-and-herzegovina",
        iso_code="BA",
        official_name="Bosnia and Herzegovina",
        capital="Sarajevo",
        population=3_200_000,
        area_km2=51_209,
        official_languages="Bosnian, Croatian, Serbian",
        currency="Convertible mark (BAM)",
        relations_established=datetime.date(1996, 2, 9),
        summary="A country at the heart of the Western Balkans, with a long coast of mountains and rivers.",
        overview="<p>Japan and Bosnia and Herzegovina established diplomatic relations in February 1996.</p>"
        "<p>Japan has supported reconstruction, peace-building and the return of refugees since then, "
        "and supports the country's path towards the European Union.</p>",
    )
    for year, exports, imports in [(2020, "21.4", "30.2"), (2021, "25.9", "41.7"), (2022, "28.3", "44.1")]:
        TradeFigure.objects.create(
            country=country,
            year=year,
            exports_to_japan=Decimal(exports),
            imports_from_japan=Decimal(imports),
            source="Agency for Statistics of Bosnia and Herzegovina",
            source_url="https://bhas.gov.ba/",
        )
    Embassy.objects.create(
        country=country,
        kind="in_japan",
        name="Embassy of Bosnia and Herzegovina in Japan",
        address="3-4-1 Nishi-Azabu, Minato-ku, Tokyo 106-0031",
        website="https://www.bhembassy.jp/",
    )
    Embassy.objects.create(
        country=country,
        kind="of_japan",
        name="Embassy of Japan in Bosnia and Herzegovina",
        address="Bistrik 9, 71000 Sarajevo",
        website="https://www.bosnia.emb-japan.go.jp/",
    )
    for n in range(6):
        make_news(
            title=f"Japan supports mine clearance in Bosnia and Herzegovina, phase {n + 1}",
            summary="A grant for the demining of agricultural land.",
            countries=[country],
        )
    for n in range(10):
        make_entry(
            title=f"Grant assistance for the reconstruction of schools, part {n + 1}",
            description="<p>A grant to rebuild primary schools.</p>",
            date=datetime.date(1997 + 2 * n, 3, 1),
            countries=[country],
        )
    for n in range(8):
        make_partner(name=f"University of Sarajevo, Faculty {n + 1}", country=country, kind="academic")
    return f"{live_server.url}/countries/bosnia-and-herzegovina/"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("language", ["en", "ja"])
def test_profile_fits_phones_and_desktops_without_horizontal_scrolling(page, profile, width, language):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(profile if language == "en" else profile.replace("/countries/", "/ja/countries/"))
    heading = {"en": "Bosnia and Herzegovina", "ja": "ボスニア・ヘルツェゴビナ"}[language]
    assert page.locator("h1").inner_text() == heading
    assert page.locator(".chart__svg").is_visible() and page.locator(".data-table").is_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"country-profile-{language}-{width}.png", full_page=True)
    assert page.evaluate(OVERFLOW), page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    # The navigation shows, or on a phone the menu button that opens it.
    assert page.locator(".site-nav:visible, .menu__toggle:visible").count() >= 1


@pytest.mark.django_db(transaction=True)
def test_printed_profile_is_a_two_page_handout_with_its_qr_code_and_without_navigation(page, profile):
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.goto(profile)
    page.emulate_media(media="print")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "country-profile-print.png", full_page=True)
    assert page.evaluate(OVERFLOW)

    for chrome in (
        ".site-header",
        ".site-nav",
        ".language-switcher",
        ".site-footer",
        ".share",
        ".breadcrumbs",
    ):
        assert page.locator(chrome).is_hidden(), f"{chrome} is printed"
    assert page.locator("h1").is_visible() and page.locator(".chart__svg").is_visible()

    # The QR code is on the page and leads to the profile.
    qr = page.locator(".print-header .qr")
    assert qr.is_visible()
    qr_shot = SCREENSHOTS / "country-profile-print-qr.png"
    qr.screenshot(path=qr_shot)
    assert [result.text for result in zxingcpp.read_barcodes(Image.open(qr_shot))] == [profile]

    # Links are printed with their addresses.
    after = page.evaluate(
        """() => getComputedStyle(document.querySelector('a[href="https://www.bhembassy.jp/"]'), '::after').content"""
    )
    assert "https://www.bhembassy.jp/" in after

    pdf = page.pdf(format="A4", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 1 <= pages <= 2, f"the handout has {pages} pages"
    (SCREENSHOTS / "country-profile.pdf").write_bytes(pdf)


@pytest.mark.django_db(transaction=True)
def test_screen_view_hides_the_print_header(page, profile):
    page.goto(profile)
    assert page.locator(".print-header").is_hidden()
    assert page.locator(".profile__share .qr").is_visible()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("suffix", ["", "embed/"])
@pytest.mark.parametrize("prefix", ["", "ja/"])
def test_profile_and_embed_pass_axe_wcag_aa(page, live_server, profile, prefix, suffix):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(profile.replace("/countries/", f"/{prefix}countries/") + suffix)
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    results = Axe().run(page, options=options)
    assert results.violations_count == 0, results.generate_report()
