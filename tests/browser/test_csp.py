"""The Content-Security-Policy in a real browser: what the pages need is not blocked."""

import pytest

from news.models import NewsItem
from tests.helpers.browser import watch_csp
from tests.helpers.images import image_bytes


@pytest.mark.django_db(transaction=True)
def test_ckeditor_works_in_admin_under_the_admin_policy(live_server, admin_login, tmp_path):
    page = admin_login()
    violations = watch_csp(page)
    response = page.goto(f"{live_server.url}/admin/news/newsitem/add/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "unsafe-eval" not in policy
    page.locator("#id_title_en").press_sequentially("Under policy")
    editor = page.locator(".field-body_en .ck-editor__editable")
    editor.click()
    page.keyboard.type("Typed under a strict script policy.")
    page.keyboard.press("Control+b")
    page.keyboard.type(" Bold.")
    page.keyboard.press("Control+b")
    page.keyboard.press("Enter")
    page.locator(".field-body_en button[data-cke-tooltip-text='Insert table']").click()
    page.locator(".field-body_en .ck-insert-table-dropdown-grid-box").nth(0).click()
    page.keyboard.type("Cell")
    picture = tmp_path / "photo.png"
    picture.write_bytes(image_bytes("PNG", size=(120, 80)))
    page.locator(".field-body_en input[type=file]").first.set_input_files(str(picture))
    editor.locator("img[src*='/media/uploads/']").wait_for()
    editor.locator("p").first.click(click_count=3)
    page.keyboard.press("Control+k")
    page.locator(".ck-balloon-panel input[inputmode=url]").fill("https://www.mofa.go.jp/")
    page.keyboard.press("Enter")
    editor.locator("a[href='https://www.mofa.go.jp/']").wait_for()
    assert violations() == []  # in the editor, before the next page resets the events
    page.select_option("#id_status", "published")
    page.fill("#id_force_reason", "Checking the editor under the admin policy.")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    body = NewsItem.objects.get(slug="under-policy").body_en
    assert "<strong>" in body and 'href="https://www.mofa.go.jp/"' in body
    assert "<table>" in body and "/media/uploads/" in body
    page.goto(f"{live_server.url}/news/under-policy/")
    assert page.locator(".prose img").evaluate("image => image.naturalWidth") == 120
    assert violations() == []


@pytest.mark.django_db(transaction=True)
def test_public_pages_break_no_rule_of_the_strict_policy(
    live_server, page, make_news, make_country, make_entry, make_partner, site_pages
):
    from countries.models import TradeFigure

    country = make_country(
        name="Serbia", slug="serbia", iso_code="RS", overview="<p>Over <strong>view</strong>.</p>"
    )
    TradeFigure.objects.create(
        country=country, year=2023, exports_to_japan=100, imports_from_japan=200, currency="USD"
    )
    item = make_news(body='<p>Body with <a href="https://example.org/">a link</a>.</p>')
    item.countries.add(country)
    make_entry(title="Relations established").countries.add(country)
    partner = make_partner(country=country)
    violations = watch_csp(page)
    paths = [
        "/",
        "/news/",
        item.get_absolute_url(),
        "/countries/",
        "/countries/serbia/",
        "/countries/serbia/embed/",
        "/chronology/",
        "/partners/",
        partner.get_absolute_url(),
        "/search/?q=Story",
        "/about/",
        "/ja/",
        "/no-such-page/",
    ]
    for path in paths:
        response = page.goto(live_server.url + path)
        assert "default-src 'self'" in response.headers["content-security-policy"], path
        assert page.locator("main").count() == 1, path
        assert violations() == [], path  # each page's events: a navigation starts them afresh
