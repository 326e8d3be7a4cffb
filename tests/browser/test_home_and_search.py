import pytest

from tests.helpers.images import image_upload

PHONE = {"width": 375, "height": 667}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("language", "says"),
    [("", "The Japan–Balkan Network (BALKAN) is a hub"), ("/ja", "日本・バルカン・ネットワーク（BALKAN）は")],
)
def test_the_first_screen_on_a_phone_says_what_the_network_is(
    live_server, phone, make_news, make_country, language, says
):
    for number in range(4):
        make_news(
            title=f"Featured story {number}", is_featured=True, hero_image=image_upload(), hero_alt="A photo"
        )
    make_country(name="Slovenia")
    phone.goto(f"{live_server.url}{language}/")

    for selector in ("#intro-title", ".intro__lead"):
        box = phone.locator(selector).bounding_box()
        assert box["y"] >= 0, selector
        assert box["y"] + box["height"] <= PHONE["height"], selector
    assert says in phone.locator(".intro__lead").inner_text()
    assert phone.locator(".intro__actions a").first.is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.django_db(transaction=True)
def test_a_reader_searches_from_the_header_and_pages_through_results(live_server, page, make_news):
    for number in range(12):
        make_news(title=f"Seismic workshop {number}", summary="Held in Veliko Tarnovo.")
    make_news(title="Cherry trees")
    page.goto(f"{live_server.url}/")
    page.fill("#site-search", "Veliko Tarnovo")
    page.press("#site-search", "Enter")
    page.wait_for_url("**/search/?q=Veliko+Tarnovo")

    assert page.locator("h1").inner_text() == "Search"
    assert page.locator(".result").count() == 10
    assert page.locator(".result__snippet mark").first.inner_text() == "Veliko Tarnovo"
    page.click("a[rel=next]")
    page.wait_for_url("**page=2**")
    assert page.locator(".result").count() == 2
    page.click(".search-types a:has-text('Countries')")
    assert page.locator(".result").count() == 0
    assert page.locator(".empty").is_visible()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/ja/",
        "/search/?q=kosovo",
        "/ja/search/?q=kosovo",
        "/search/?q=Kosvo",
        "/search/?q=Kosvo+statement",
        "/search/?q=nothing",
        "/about/",
        "/ja/about/",
    ],
)
def test_home_search_and_site_pages_pass_axe(live_server, page, make_news, make_country, make_partner, path):
    from axe_playwright_python.sync_playwright import Axe

    from balkan.models import Page, Quote

    make_news(
        title="Courtesy call to the Embassy of Kosovo",
        title_ja="駐日コソボ大使館を表敬訪問",
        is_featured=True,
    )
    make_news(title="Kosovo statement")
    make_country(name="Kosovo", iso_code="XK")
    make_partner(name="Embassy of Kosovo", is_official_partner=True)
    Quote.objects.create(text_en="People are the ultimate resource.", author_en="Peter Drucker")
    Page.objects.create(key="about", title_en="About", body_en="<p>About the network.</p>")
    page.goto(f"{live_server.url}{path}")
    results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]})
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("language", "typed", "suggested", "lands"),
    [
        ("", "slo", "Slovenia", "/countries/slovenia/"),
        ("/ja", "すろ", "スロベニア", "/ja/countries/slovenia/"),
    ],
)
def test_suggestions_appear_as_a_reader_types_and_the_keyboard_reaches_them(
    live_server, page, make_country, make_news, language, typed, suggested, lands
):
    make_country(name="Slovenia", name_ja="スロベニア", iso_code="SI")
    make_news(title="Slovenian robots", title_ja="スロベニアのロボット")
    page.goto(f"{live_server.url}{language}/search/")
    suggestions = page.locator("#search-suggestions")
    assert not suggestions.is_visible()
    page.locator("#q").press_sequentially(typed, delay=40)
    suggestions.locator("a").first.wait_for()
    assert suggestions.locator("a").first.inner_text() == suggested
    page.locator("#q").press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == suggested
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{lands}")
    page.goto(f"{live_server.url}{language}/search/")
    page.locator("#q").fill(typed)
    page.locator("#q").press("Escape")
    assert not suggestions.is_visible()
