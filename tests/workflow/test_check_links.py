"""manage.py check_links: every printed address checked, the broken ones listed on the admin's front page."""

import pytest
from django.core.management import call_command

from countries.models import Embassy, TradeFigure
from tests.helpers.workflow import change_url
from workflow.models import LinkCheck

pytestmark = pytest.mark.django_db


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
