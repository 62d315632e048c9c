"""The circuit breaker: opens after repeated unavailable errors, fails fast, recovers on its own."""
from __future__ import annotations

import pytest

from lor_dashboard.lor import Credentials, LORClient, LORNotFound, LORUnavailable
from lor_dashboard.lor.breaker import CircuitBreaker

from .mock_upstream import DROP, MockUpstream

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
def upstream():
    mock = MockUpstream()
    yield mock
    mock.stop()


@pytest.fixture
def client(clock, monkeypatch, upstream):
    monkeypatch.setattr("lor_dashboard.lor.client.time.sleep", lambda s: None)
    return LORClient(upstream.url, get_retries=0, breaker=CircuitBreaker(failures=3, reset_after=10, clock=clock))


class CircuitBreakerTests:
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

    def test_a_success_resets_the_count(self, client, upstream):
        upstream.get(URL, status=500)
        upstream.get(URL, status=500)
        upstream.get(URL, json={"items": []})
        upstream.get(URL, status=500)
        upstream.get(URL, status=500)
        for expected in (LORUnavailable, LORUnavailable, None, LORUnavailable, LORUnavailable):
            if expected:
                with pytest.raises(expected):
                    client.list_favorites(CREDS)
            else:
                client.list_favorites(CREDS)
        assert not client.breaker.is_open

    def test_recovers_on_its_own_after_the_reset_time(self, client, clock, upstream):
        upstream.get(URL, status=503)
        for _ in range(3):
            with pytest.raises(LORUnavailable):
                client.list_favorites(CREDS)
        clock.now += 11
        upstream.replace("GET", URL, json={"items": [{"id": "r1", "title": "T"}]})
        assert len(client.list_favorites(CREDS)) == 1
        assert not client.breaker.is_open

    def test_a_failed_trial_opens_it_again(self, client, clock):
        breaker = client.breaker
        for _ in range(3):
            breaker.failed()
        clock.now += 11
        assert breaker.allow() is True  # the one trial
        assert breaker.allow() is False  # others still wait
        breaker.failed()
        assert breaker.is_open
        assert breaker.allow() is False
