"""Every external address the site prints is checked, and the broken ones wait on the admin's front page.

A local HTTP server answers as the web does: 200, 404, a redirect loop, a
redirect to a good page, a server that refuses HEAD, and one that never answers
in time.
"""

import http.server
import threading
import time

import pytest
from django.core.management import call_command

from countries.models import Embassy, TradeFigure
from tests.helpers.workflow import change_url
from workflow.links import check, explain
from workflow.models import LinkCheck

pytestmark = pytest.mark.django_db


class Web:
    def __init__(self):
        class Handler(http.server.BaseHTTPRequestHandler):
            def answer(self, body=True):
                if self.path == "/ok":
                    self.send_response(200)
                elif self.path == "/moved":
                    self.send_response(301)
                    self.send_header("Location", "/ok")
                elif self.path == "/loop":
                    self.send_response(302)
                    self.send_header("Location", "/loop")
                elif self.path == "/slow":
                    time.sleep(3)
                    self.send_response(200)
                elif self.path == "/no-head" and self.command == "HEAD":
                    self.send_response(405)
                elif self.path == "/no-head":
                    self.send_response(200)
                else:
                    self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_HEAD(self):
                self.answer()

            def do_GET(self):
                self.answer()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def web(settings):
    settings.LINK_CHECK_TIMEOUT = 1
    server = Web()
    yield server
    server.close()


@pytest.mark.parametrize(
    ("path", "ok", "status", "problem"),
    [
        ("/ok", True, 200, ""),
        ("/moved", True, 200, ""),
        ("/no-head", True, 200, ""),
        ("/missing", False, 404, "Answers 404."),
        ("/loop", False, 302, "Redirects in a loop or more than 5 times."),
        ("/slow", False, None, "No answer within 1 seconds."),
    ],
)
def test_each_answer_is_told_apart(web, path, ok, status, problem):
    answer = check(web.url + path)
    assert (answer.ok, answer.status, explain(answer)) == (ok, status, problem)


def test_an_address_nobody_listens_on_is_broken_and_says_why_in_words(web):
    answer = check("http://127.0.0.1:9/")
    assert (answer.ok, explain(answer)) == (False, "Cannot be reached: the server refused the connection.")
    answer = check("https://no-such-site.invalid/")
    assert (answer.ok, explain(answer)) == (False, "Cannot be reached: no site has this name.")


def test_the_command_checks_every_printed_address_and_the_dashboard_lists_the_broken(
    web, make_country, make_partner, make_news, make_entry, publisher_client
):
    slovenia = make_country(name="Slovenia", iso_code="SI")
    Embassy.objects.create(
        country=slovenia, kind="in_japan", name="Embassy", address="Tokyo", website=web.url + "/ok"
    )
    partner = make_partner(name="Cosylab", website=web.url + "/missing")
    story = make_news(title="Kono visits", source_url=web.url + "/loop")
    entry = make_entry(title="Relations", source_url=web.url + "/slow")
    TradeFigure.objects.create(
        country=slovenia, year=2020, exports_to_japan=1, imports_from_japan=2, source_url=web.url + "/missing"
    )

    call_command("check_links", verbosity=0)

    checks = {check.url.removeprefix(web.url): check for check in LinkCheck.objects.all()}
    assert set(checks) == {"/ok", "/missing", "/loop", "/slow"}
    assert checks["/ok"].ok and not any(checks[path].ok for path in ("/missing", "/loop", "/slow"))
    # One address used in two places is asked once and names both.
    assert [url for *_record, url in checks["/missing"].places] == [change_url(partner), change_url(slovenia)]

    html = publisher_client.get("/admin/").content.decode()
    broken = html.split("Broken links", 1)[1]
    for path, owner in (("/missing", partner), ("/loop", story), ("/slow", entry)):
        assert web.url + path in broken
        assert f'href="{change_url(owner)}"' in broken
    assert "Answers 404." in broken and "No answer within 1 seconds." in broken
    assert web.url + "/ok" not in broken

    # Mended and removed addresses leave the list at the next check.
    partner.website = web.url + "/ok"
    partner.save()
    story.source_url = ""
    story.save()
    call_command("check_links", verbosity=0)
    assert set(LinkCheck.objects.filter(ok=False).values_list("url", flat=True)) == {
        web.url + "/slow",
        web.url + "/missing",
    }
    assert not LinkCheck.objects.filter(url=web.url + "/loop").exists()


def test_the_list_of_checked_links_is_read_only(publisher_client):
    LinkCheck.objects.create(
        url="https://gone.example/",
        ok=False,
        status=404,
        problem="status",
        checked_at="2026-12-01T00:00Z",
    )
    assert publisher_client.get("/admin/workflow/linkcheck/").status_code == 200
    assert publisher_client.get("/admin/workflow/linkcheck/add/").status_code == 403


def test_a_japanese_publisher_reads_the_broken_links_in_japanese(web, make_partner, publisher):
    from django.test import Client

    from workflow.models import StaffPreference

    make_partner(name="Cosylab", website=web.url + "/missing")
    call_command("check_links", verbosity=0)  # run in English, read in Japanese
    StaffPreference.objects.create(user=publisher, language="ja")
    client = Client()
    client.force_login(publisher)
    html = client.get("/admin/").content.decode()
    broken = html.split("attention__list--broken-links", 1)[1].split('<div class="module', 1)[0]
    assert "ステータス404を返します。" in broken and "パートナー団体: Cosylab" in broken
    assert "Answers 404" not in broken
