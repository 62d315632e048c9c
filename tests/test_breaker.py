"""The circuit breaker: opens on a share of failing calls over a sliding window (never on a run
of failures in a healthy share), fails fast, half-opens with a few trials, backs off while they fail."""
from __future__ import annotations

import pytest

from lor_dashboard.lor import Credentials, LORClient, LORNotFound, LORUnavailable
from lor_dashboard.lor.breaker import CircuitBreaker

from .mock_upstream import DROP

CREDS = Credentials(session_id="s", user_id="u1")
URL = "/api/users/u1/favorites"


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def client(clock, upstream):
    # No retries, so nothing to wait for; a retry that crept in would be recorded, not slept.
    return LORClient(upstream.url, get_retries=0, breaker=CircuitBreaker(min_calls=3, open_for=10, clock=clock),
                     sleep=[].append)


def breaker(clock, **options) -> CircuitBreaker:
    return CircuitBreaker(**{"min_calls": 10, "failure_rate": 0.5, "window": 10, "open_for": 2, "trials": 4,
                             **options}, clock=clock)


def feed(b: CircuitBreaker, outcomes: str, clock=None, step: float = 0.0) -> None:
    """Report calls: "f" failed, "s" succeeded (each allowed first), ``step`` seconds apart."""
    for outcome in outcomes:
        if b.allow():
            b.failed() if outcome == "f" else b.succeeded()
        if clock is not None:
            clock.now += step


class ThroughTheClientTests:
    def test_opens_after_repeated_failures_and_fails_fast(self, client, upstream):
        upstream.get(URL, body=DROP)
        for _ in range(3):
            with pytest.raises(LORUnavailable, match="could not be reached"):
                client.list_favorites(CREDS)
        assert len(upstream.calls) == 3
        with pytest.raises(LORUnavailable, match="paused"):
            client.list_favorites(CREDS)
        assert len(upstream.calls) == 3  # no request went out

    def test_4xx_never_opens_it(self, client, upstream):
        upstream.get(URL, json={}, status=404)
        for _ in range(6):
            with pytest.raises(LORNotFound):
                client.list_favorites(CREDS)
        assert not client.breaker.is_open

    def test_recovers_on_its_own_after_the_open_period(self, client, clock, upstream):
        upstream.get(URL, status=503)
        for _ in range(3):
            with pytest.raises(LORUnavailable):
                client.list_favorites(CREDS)
        clock.now += 11
        upstream.replace("GET", URL, json={"items": [{"id": "r1", "title": "T"}]})
        for _ in range(3):  # the trial calls, enough of them answered
            client.list_favorites(CREDS)
        assert not client.breaker.is_open


class RateTests:
    def test_a_share_below_the_rate_never_opens_it(self, clock):
        b = breaker(clock)
        feed(b, "sssff" * 200, clock, step=0.01)  # 40 % failing, 1,000 calls over 10 s
        assert not b.is_open

    def test_a_run_of_failures_within_a_healthy_share_does_not_open_it(self, clock):
        b = breaker(clock)
        feed(b, "s" * 30 + "f" * 10 + "s" * 5, clock, step=0.01)
        assert not b.is_open

    def test_a_share_at_the_rate_opens_it(self, clock):
        b = breaker(clock)
        feed(b, "fs" * 10, clock, step=0.01)
        assert b.is_open

    def test_too_few_calls_never_open_it(self, clock):
        b = breaker(clock)
        feed(b, "f" * 9)
        assert not b.is_open

    def test_old_calls_leave_the_window(self, clock):
        b = breaker(clock)
        feed(b, "f" * 9)
        clock.now += 11  # those failures are older than the window now
        feed(b, "f")
        assert not b.is_open

    def test_open_it_refuses_calls(self, clock):
        b = breaker(clock)
        feed(b, "f" * 10)
        assert b.allow() is False


class HalfOpenTests:
    @pytest.fixture
    def opened(self, clock):
        b = breaker(clock)
        feed(b, "f" * 10)
        clock.now += 2.5  # past the open period
        return b

    def test_it_lets_a_few_trial_calls_through(self, opened):
        assert [opened.allow() for _ in range(5)] == [True, True, True, True, False]

    def test_enough_trial_successes_close_it(self, opened):
        feed(opened, "sss")
        assert not opened.is_open

    def test_closed_again_it_starts_from_a_fresh_window(self, opened):
        feed(opened, "sss")
        feed(opened, "f" * 9)
        assert not opened.is_open

    def test_failing_trials_open_it_again(self, opened):
        feed(opened, "ff")
        assert opened.allow() is False

    def test_each_reopening_waits_twice_as_long(self, opened, clock):
        feed(opened, "ff")  # open again: 4 s now
        clock.now += 3
        assert opened.allow() is False

    def test_after_the_longer_wait_it_tries_again(self, opened, clock):
        feed(opened, "ff")
        clock.now += 4.5
        assert opened.allow() is True

    def test_the_wait_stops_growing_at_its_cap(self, opened, clock):
        for _ in range(10):  # 2, 4, 8, 16, 30, 30, ...
            feed(opened, "ff")
            clock.now += 31
        feed(opened, "ff")
        clock.now += 30.5
        assert opened.allow() is True

    def test_a_closed_breaker_waits_the_base_period_again(self, opened, clock):
        feed(opened, "ff")
        clock.now += 4.5
        feed(opened, "sss")  # closed
        feed(opened, "f" * 10)  # open again from closed: the base period
        clock.now += 2.5
        assert opened.allow() is True
