"""Facts go stale: a country or partner whose review-by date has come, or that nobody changed for a year, is listed."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from tests.helpers.workflow import change_url, form_data, publish_pending_change

pytestmark = pytest.mark.django_db


def due(client, user):
    client.force_login(user)  # a session from before a time-machine jump would have expired
    html = client.get("/admin/").content.decode()
    if "attention__list--review-by" not in html:
        return ""
    return (
        html.split("attention__list--review-by", 1)[1]
        .split('<div class="module', 1)[0]
        .split("</section>")[0]
    )


def test_a_review_by_date_puts_the_record_on_the_front_page_when_it_comes(
    publisher_client, publisher, make_country, make_partner
):
    today = timezone.localdate()
    slovenia = make_country(name="Slovenia", iso_code="SI", review_by=today + datetime.timedelta(days=30))
    cosylab = make_partner(name="Cosylab", review_by=today + datetime.timedelta(days=60))
    assert due(publisher_client, publisher) == ""
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        listed = due(publisher_client, publisher)
        assert f'href="{change_url(slovenia)}"' in listed
        assert f'href="{change_url(cosylab)}"' not in listed
    with time_machine.travel(timezone.now() + datetime.timedelta(days=61)):
        assert f'href="{change_url(cosylab)}"' in due(publisher_client, publisher)


def test_without_a_date_a_record_is_due_a_year_after_its_last_change(
    publisher_client, publisher, make_partner
):
    cosylab = make_partner(name="Cosylab")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=364)):
        assert due(publisher_client, publisher) == ""
    with time_machine.travel(timezone.now() + datetime.timedelta(days=366)):
        listed = due(publisher_client, publisher)
        assert f'href="{change_url(cosylab)}"' in listed and "last changed" in listed


def test_setting_the_next_date_in_the_admin_takes_it_off_the_list(publisher_client, publisher, make_country):
    slovenia = make_country(name="Slovenia", iso_code="SI", review_by=timezone.localdate())
    assert f'href="{change_url(slovenia)}"' in due(publisher_client, publisher)
    page = publisher_client.get(change_url(slovenia))
    next_year = (timezone.localdate() + datetime.timedelta(days=365)).isoformat()
    response = publisher_client.post(change_url(slovenia), form_data(page, review_by=next_year))
    assert response.status_code == 302
    # Like any change to a live profile, the new date waits for a second publisher.
    assert f'href="{change_url(slovenia)}"' in due(publisher_client, publisher)
    publish_pending_change(slovenia)
    assert due(publisher_client, publisher) == ""
