"""Fixtures of the tests in tests/news/."""

import datetime

import pytest
import time_machine
from django.utils import timezone


@pytest.fixture
def offer(make_news):
    start = timezone.now().replace(microsecond=0)
    with time_machine.travel(start, tick=False):
        story = make_news(
            title="Scholarship applications open",
            title_ja="奨学金の募集開始",
            slug="scholarship",
            summary="Apply by the end of the month.",
            expires_at=start + datetime.timedelta(seconds=90),
            withdrawal_notice="Applications closed. The next round opens in April.",
            withdrawal_notice_ja="募集は終了しました。次回は4月に開始します。",
        )
    return start, story
