"""The timeline in a real browser: readable on a phone, filterable without JavaScript, accessible."""

import pytest
from axe_playwright_python.sync_playwright import Axe


@pytest.mark.django_db(transaction=True)
def test_timeline_fits_a_phone_and_filters_by_ticking_countries(live_server, browser, timeline):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/chronology/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "nothing scrolls sideways on a phone"
    assert page.locator(".timeline__title").count() == 4

    page.get_by_label("Slovenia").check()
    page.get_by_label("Romania").check()
    page.get_by_label("From (year)").fill("1990")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/chronology/?*")
    assert "country=slovenia" in page.url and "country=romania" in page.url and "from=1990" in page.url
    titles = page.locator(".timeline__title").all_inner_texts()
    assert titles == [
        "300 Japanese cherry trees for the University of Ljubljana",
        "Foreign Minister Taro Kono makes the first official visit of a Japanese foreign minister to Slovenia",
        "Japan and Romania sign a Strategic Partnership",
    ]
    assert page.get_by_label("Slovenia").is_checked()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", ["/chronology/", "/chronology/slovenia/", "/ja/chronology/"])
def test_timeline_pages_pass_axe_wcag_aa(live_server, page, timeline, path):
    page.goto(f"{live_server.url}{path}")
    results = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    )
    assert results.violations_count == 0, results.generate_report()
