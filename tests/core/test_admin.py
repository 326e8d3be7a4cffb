"""The admins' shared pieces: every time names its zone, in an unambiguous form, in both languages."""

import datetime

import pytest
from django.utils import timezone

from tests.helpers.workflow import change_url, changelist

pytestmark = pytest.mark.django_db


def test_a_date_time_field_names_japan_time_and_lists_show_times_unambiguously(publisher_client, make_news):
    story = make_news(
        title="Embargoed visit", publish_at=timezone.make_aware(datetime.datetime(2026, 12, 10, 9, 0))
    )
    form = publisher_client.get(change_url(story)).content.decode()
    assert "Times are Japan time (JST, UTC+09:00)." in form
    listing = publisher_client.get(changelist(type(story))).content.decode()
    assert "10 December 2026, 09:00 JST" in listing and "12/10/2026" not in listing

    japanese = publisher_client.get(
        changelist(type(story)), headers={"accept-language": "ja"}
    ).content.decode()
    assert "2026年12月10日 9:00 JST" in japanese
    form = publisher_client.get(change_url(story), headers={"accept-language": "ja"}).content.decode()
    assert "日本時間" in form and "JST、UTC+09:00" in form
