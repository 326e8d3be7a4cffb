"""An editor in Ljubljana: every date and time in the admin names Japan time, and hers is shown beside it."""

import datetime

import pytest
from django.utils import timezone

from tests.helpers.browser import log_in, staff


@pytest.mark.django_db(transaction=True)
def test_an_editor_abroad_sees_japan_time_named_and_her_own_time_beside_it(
    browser, live_server, django_user_model, make_news
):
    story = make_news(status="draft", publish_at=timezone.make_aware(datetime.datetime(2026, 12, 10, 9, 0)))
    staff(django_user_model, "ana", "Editors")
    page = log_in(browser, live_server, "ana", timezone_id="Europe/Ljubljana")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/admin/news/newsitem/{story.pk}/change/")
    row = page.locator(".field-publish_at")
    assert "Times are Japan time (JST, UTC+09:00)." in row.inner_text()
    assert page.locator(".timezonewarning:visible").count() == 0, 'no "hours behind server time" note'
    local = row.locator(".local-time")
    assert "Your time:" in local.inner_text() and "01:00" in local.inner_text().replace("1:00", "01:00")
    page.fill("#id_publish_at_1", "18:30")
    page.locator("#id_publish_at_1").dispatch_event("input")
    assert "10:30" in local.inner_text()
    assert errors == []
