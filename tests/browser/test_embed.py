"""An embassy's own site frames the country card: on the first load and on every cached one after it."""

import http.server
import threading

import pytest

from tests.servers import free_port


class EmbassySite:
    """A page on another origin (127.0.0.1 instead of localhost) that frames the card."""

    def __init__(self, embed_url):
        page = (
            "<!DOCTYPE html><html lang='sl'><title>Embassy</title><h1>Embassy of Slovenia</h1>"
            f"<iframe src='{embed_url}' title='Slovenia and Japan' width='300' height='480'></iframe>"
        ).encode()

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
