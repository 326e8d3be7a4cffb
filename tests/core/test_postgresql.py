"""PostgreSQL that does not answer: a bounded wait, then 503s at once until it answers again."""

import time

import pytest
from django.db import OperationalError

from core import breakers
from core.postgresql.base import deadline
from tests.core.test_breakers import wait_for

pytestmark = pytest.mark.postgres


def test_a_query_without_an_answer_in_time_fails_and_the_next_ones_fail_at_once(other_connection):
    with deadline(0.5):
        with other_connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        started = time.monotonic()
        with pytest.raises(OperationalError, match="did not answer within 0.5 s"):
            with other_connection.cursor() as cursor:
                cursor.execute("SELECT pg_sleep(5)")
        assert 0.45 < time.monotonic() - started < 1.5
        assert not breakers.database_available()

        other_connection.close()
        started = time.monotonic()
        with pytest.raises(OperationalError, match="unavailable"):
            other_connection.ensure_connection()
        assert time.monotonic() - started < 0.05, "no socket touched"

    assert wait_for(breakers.database_available, seconds=5), "the probe found it answering"
    with other_connection.cursor() as cursor:
        cursor.execute("SELECT 2")
        assert cursor.fetchone() == (2,)


def test_without_a_deadline_a_long_query_is_left_alone(other_connection):
    with other_connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(0.6), 1")
        assert cursor.fetchone()[1] == 1
    assert breakers.database_available()


def test_the_server_side_limits_are_set(other_connection):
    with other_connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone() == ("30s",)
        cursor.execute("SHOW idle_in_transaction_session_timeout")
        assert cursor.fetchone() == ("1min",)
