"""Keyboard use, visible focus, the phone menu without JavaScript and reduced motion, in a real browser."""

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {tag: el.tagName.toLowerCase(), id: el.id, cls: el.className, text: el.textContent.trim(),
          outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
          visible: box.top >= 0 && box.bottom <= innerHeight && box.width > 0 && box.height > 0};
}"""


def test_tab_reaches_the_skip_link_first_and_it_moves_focus_to_main(live_server, page, story):
    page.goto(f"{live_server.url}/news/")
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    assert focused["cls"] == "skip-link" and focused["text"] == "Skip to main content"
    assert focused["visible"], "the focused skip link must show on screen"

    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    assert page.evaluate(FOCUSED)["id"] == "main"
    # The next Tab starts inside the content, past the header's links.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main, header')?.tagName") == "MAIN"


def test_keyboard_focus_is_visible_on_links_controls_and_the_menu(live_server, page, story):
    page.goto(f"{live_server.url}/news/")
    seen = []
    for _ in range(12):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        seen.append(focused["tag"])
        assert focused["outline"] != "none" and focused["outlineWidth"] >= 2, focused
    assert {"a", "input", "button", "select"} <= set(seen)


def test_phone_menu_opens_and_navigates_without_javascript(live_server, browser, story):
    context = browser.new_context(viewport={"width": 375, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/")
        nav_link = page.get_by_role("navigation", name="Main").get_by_role("link", name="News")
        assert not nav_link.is_visible()
        toggle = page.locator("summary.menu__toggle")
        assert toggle.is_visible() and toggle.bounding_box()["height"] >= 44
        toggle.click()
        assert nav_link.is_visible()
        assert page.get_by_role("searchbox", name="Search the site").is_visible()
        nav_link.click()
        page.wait_for_url(f"{live_server.url}/news/")
        assert page.get_by_role("heading", level=1).inner_text() == "News"
        assert page.get_by_role("link", name="Cherry trees bloom in Ljubljana").is_visible()
    finally:
        context.close()


def test_desktop_shows_the_navigation_without_a_menu_button(live_server, page, story):
    page.goto(f"{live_server.url}/")
    assert page.get_by_role("navigation", name="Main").get_by_role("link", name="Chronology").is_visible()
    assert not page.locator("summary.menu__toggle").is_visible()


def test_reduced_motion_turns_transitions_off(live_server, browser, story):
    durations = {}
    for motion in ("no-preference", "reduce"):
        context = browser.new_context(reduced_motion=motion)
        page = context.new_page()
        page.goto(f"{live_server.url}/news/")
        durations[motion] = page.eval_on_selector(".card", "el => getComputedStyle(el).transitionDuration")
        context.close()
    assert durations["no-preference"] != "0s"
    assert set(durations["reduce"].replace(" ", "").split(",")) == {"0s"}


def test_dark_scheme_follows_the_readers_setting(live_server, browser, story):
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(f"{live_server.url}/news/")
        colours[scheme] = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
        context.close()
    assert colours == {"light": "rgb(255, 255, 255)", "dark": "rgb(15, 23, 34)"}
