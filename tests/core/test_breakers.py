"""Circuit breakers: fail fast while a service is away, come back by themselves."""

import time


def wait_for(predicate, seconds=5):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return False


def test_a_tripped_breaker_stays_open_while_the_probe_fails_and_closes_when_it_succeeds(breaker):
    answers = []

    def probe():
        answers.append(time.monotonic())
        if len(answers) < 3:
            raise ConnectionError("still away")

    assert breaker.available()
    breaker.trip(TimeoutError("no answer"), probe, seconds=0.05)
    assert not breaker.available()
    assert wait_for(breaker.available)
    assert len(answers) == 3, "probed again after each failure, and no more once it answered"
    time.sleep(0.2)
    assert len(answers) == 3


def test_tripping_again_while_open_starts_no_second_probe(breaker):
    calls = []

    def probe():
        calls.append(1)
        raise ConnectionError

    breaker.trip(TimeoutError(), probe, seconds=0.05)
    for _ in range(10):
        breaker.trip(TimeoutError(), probe, seconds=0.05)
    time.sleep(0.3)
    assert 3 <= len(calls) <= 7, "one probe every 0.05 s, not ten"


def test_listeners_hear_of_trips_and_of_new_connections(breaker):
    heard = []
    breaker.on_outage(lambda: heard.append(1))
    breaker.trip(TimeoutError(), lambda: None, seconds=10)
    breaker.trip(TimeoutError(), lambda: None, seconds=10)
    assert heard == [1], "once per outage"
    breaker.connected()
    assert heard == [1, 1]


def test_an_outage_is_logged_when_it_starts_and_when_it_ends_not_per_call(breaker, caplog):
    caplog.set_level("WARNING", logger="core.breakers")
    attempts = []

    def probe():
        attempts.append(1)
        if len(attempts) < 5:
            raise ConnectionError("still away")

    breaker.trip(TimeoutError("no answer"), probe, seconds=0.02)
    for _ in range(1000):
        breaker.trip(TimeoutError("no answer"), probe, seconds=0.02)
    assert wait_for(breaker.available)
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 2, messages
    assert "did not answer" in messages[0] and "answers again" in messages[1]
