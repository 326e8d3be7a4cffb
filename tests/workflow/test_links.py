"""Every external address the site prints is checked, and the broken ones wait on the admin's front page.

A local HTTP server answers as the web does: 200, 404, a redirect loop, a
redirect to a good page, a server that refuses HEAD, and one that never answers
in time.
"""

import pytest
from django.core.management import call_command

from workflow.links import check, explain
from workflow.models import LinkCheck

pytestmark = pytest.mark.django_db


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
