"""The pace of sending, alone: a fake clock, no waiting."""

from alerts.mail import Pacer


class FakeClock:
    def __init__(self):
        self.now = 100.0
        self.slept = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(round(seconds, 6))
        self.now += seconds


def test_the_pacer_keeps_to_the_rate_and_never_waits_when_sending_is_slower():
    clock = FakeClock()
    pacer = Pacer(4, clock=clock, sleep=clock.sleep)
    for _message in range(3):
        pacer.wait()
    assert clock.slept == [0.25, 0.25]
    clock.now += 1  # a slow message: the next one goes at once
    pacer.wait()
    assert clock.slept == [0.25, 0.25]


def test_no_rate_means_no_waiting():
    clock = FakeClock()
    pacer = Pacer(0, clock=clock, sleep=clock.sleep)
    for _message in range(100):
        pacer.wait()
    assert clock.slept == []
