"""The forms editors use most fit the screen: the country form (with its inlines) and the news list, at 1,280 and 768 px."""

import pytest
from model_bakery import baker

from countries.models import Embassy, TradeFigure
from tests.helpers.browser import log_in, staff

WIDTHS = (1280, 768)


def overflow(page):
    """Return how many pixels the page is wider than the window (0 when it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.django_db(transaction=True)
def test_the_country_form_and_the_news_list_fit_a_laptop_and_a_tablet(
    browser, live_server, django_user_model, make_country, make_news, tmp_path
):
    slovenia = make_country(name="Slovenia", iso_code="SI")
    baker.make(
        Embassy, country=slovenia, kind="in_japan", name="Embassy of the Republic of Slovenia in Japan"
    )
    baker.make(
        TradeFigure,
        country=slovenia,
        year=2024,
        exports_to_japan="131.5",
        imports_from_japan="402.0",
        source="Statistical Office of the Republic of Slovenia",
        source_url="https://www.stat.si/StatWeb/en",
    )
    for number in range(3):
        make_news(
            title=f"Slovenian and Japanese foreign ministers meet in Ljubljana to sign agreement {number}"
        )
    staff(django_user_model, "erika", "Editors")
    page = log_in(browser, live_server, "erika")
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for path in (f"/admin/countries/country/{slovenia.pk}/change/", "/admin/news/newsitem/"):
            page.goto(live_server.url + path)
            page.screenshot(
                path=str(tmp_path / f"{path.strip('/').replace('/', '-')}-{width}.png"), full_page=True
            )
            if overflow(page) > 0:
                problems.append(f"{path} at {width} px: {overflow(page)} px too wide")
        # The news list shows every column without scrolling sideways, and a title wraps onto at
        # most three lines.
        page.goto(live_server.url + "/admin/news/newsitem/")
        hidden = page.evaluate(
            "(el => el.scrollWidth - el.clientWidth)(document.querySelector('#changelist .results'))"
        )
        if hidden > 0:
            problems.append(f"the news list hides {hidden} px of its columns at {width} px")
        height = (
            page.locator("#result_list tbody tr")
            .first.locator("th, td")
            .first.evaluate("cell => cell.getBoundingClientRect().height")
        )
        line = page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('#result_list tbody th')).lineHeight) || 20"
        )
        if height > 3.5 * line + 16:
            problems.append(f"a news title takes {height:.0f} px ({height / line:.1f} lines) at {width} px")
    assert not problems, "\n".join(problems)
