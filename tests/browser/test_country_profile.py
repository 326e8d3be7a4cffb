"""The country profile in a real browser: on a phone, on a desktop and printed as a handout.

Screenshots are saved under artifacts/screenshots/ for people to look at.
"""

import re
from pathlib import Path

import pytest
import zxingcpp
from django.conf import settings as django_settings
from PIL import Image

SCREENSHOTS = Path(django_settings.BASE_DIR) / "artifacts" / "screenshots"
OVERFLOW = "document.documentElement.scrollWidth <= window.innerWidth"


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
