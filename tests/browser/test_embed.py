"""An embassy's own site frames the country card: on the first load and on every cached one after it."""

import http.server
import threading

import pytest
from django.utils import translation

from countries.views import EMBED_HEIGHT, embed_snippet
from tests.servers import free_port

LONG_SUMMARY = (
    "A country on the Adriatic whose friendship with Japan runs from cherry trees in Ljubljana to "
    "joint research on earthquakes, with students, scientists and artists travelling both ways every year."
)


class EmbassySite:
    """A page on another origin (127.0.0.1 instead of localhost) that frames the card."""

    def __init__(self, embed_url="", body=""):
        body = (
            body or f"<iframe src='{embed_url}' title='Slovenia and Japan' width='300' height='480'></iframe>"
        )
        page = f"<!DOCTYPE html><html lang='sl'><title>Embassy</title><h1>Embassy of Slovenia</h1>{body}".encode()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("prefix", ["", "/ja"])
def test_an_embassy_site_frames_the_card_on_three_loads_in_a_row(browser, live_server, make_country, prefix):
    make_country(name="Slovenia", name_ja="スロベニア", iso_code="SI", capital="Ljubljana")
    embed_url = f"{live_server.url}{prefix}/countries/slovenia/embed/"
    embassy = EmbassySite(embed_url)
    answers, refused = [], []
    try:
        for _visitor in range(3):
            # A new visitor each time: a browser of its own, with nothing in its HTTP cache.
            context = browser.new_context()
            page = context.new_page()
            page.on(
                "response", lambda response: answers.append(response) if response.url == embed_url else None
            )
            page.on(
                "console", lambda message: refused.append(message.text) if "frame" in message.text else None
            )
            page.goto(embassy.url)
            frame = page.frame_locator("iframe")
            frame.locator("a[href*='/countries/slovenia/']").first.wait_for(timeout=10_000)
            assert refused == []
            context.close()
    finally:
        embassy.close()
    assert [answer.headers["x-cache"] for answer in answers] == ["MISS", "HIT", "HIT"]
    assert all("frame-ancestors *" in answer.headers["content-security-policy"] for answer in answers)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [240, 300, 400, 600])
def test_the_copied_snippet_fits_the_card_to_any_column_on_every_load(
    browser, live_server, settings, make_country, width
):
    """What an embassy pastes: never refused, never clipped (the frame is exactly the card's height)."""
    settings.SITE_URL = live_server.url
    country = make_country(
        name="Slovenia",
        name_ja="スロベニア",
        iso_code="SI",
        summary=LONG_SUMMARY,
        relations_established="1992-10-12",
    )
    with translation.override("en"):
        snippet = embed_snippet(country)
    embassy = EmbassySite(body=f"<div style='width:{width}px'>{snippet}</div>")
    refused = []
    try:
        for _visitor in range(3):
            context = browser.new_context()
            page = context.new_page()
            page.on(
                "console", lambda message: refused.append(message.text) if "frame" in message.text else None
            )
            page.goto(embassy.url)
            frame = page.frame_locator("iframe[data-balkan-embed]")
            frame.locator(".embed-card__link a").wait_for(timeout=10_000)
            iframe = page.locator("iframe[data-balkan-embed]")
            page.wait_for_function(
                "() => document.querySelector('iframe[data-balkan-embed]').style.height !== ''"
            )
            card = frame.locator("html").evaluate(
                "element => Math.ceil(element.getBoundingClientRect().height)"
            )
            box = iframe.bounding_box()
            assert refused == []
            assert box["width"] == width
            assert box["height"] == card, f"the frame is {box['height']} px tall, the card {card} px"
            # Nothing of the card is cut on the right either, and the fall-back height would hold it.
            assert frame.locator("html").evaluate("element => element.scrollWidth <= element.clientWidth")
            assert card <= EMBED_HEIGHT
            context.close()
    finally:
        embassy.close()


@pytest.mark.django_db(transaction=True)
def test_the_copy_button_copies_the_snippet_in_each_language(browser, live_server, make_country):
    make_country(name="Slovenia", name_ja="スロベニア", iso_code="SI")
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    page.goto(f"{live_server.url}/countries/slovenia/")
    page.locator(".embed-snippet summary").click()
    for code in ("en", "ja"):
        page.locator(f"button[data-copy='embed-code-{code}']").click()
        page.locator(f"#embed-status-{code}").filter(has_text="Copied.").wait_for()
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied == page.locator(f"#embed-code-{code}").input_value()
        prefix = "/ja" if code == "ja" else ""
        assert f"{prefix}/countries/slovenia/embed/" in copied and "embed-host.js" in copied
    context.close()
    # Without JavaScript there is no button that would do nothing; the code can still be selected.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/countries/slovenia/")
    page.locator(".embed-snippet summary").click()
    assert page.locator("button[data-copy]").first.is_hidden()
    assert page.locator("#embed-code-en").is_visible()
    context.close()
