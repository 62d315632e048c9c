"""The shipped breaker under load against a flaky Commons (loopback, bounded): 16 callers at once
for a few seconds. A share of failing calls must not become a larger share of failed answers (the
breaker shedding what Commons would have answered), and a Commons that fails every call is
stopped being asked quickly."""
from __future__ import annotations

import random
import threading
import time

import pytest

from lor_dashboard.lor import Credentials, LORClient, LORUnavailable
from lor_dashboard.lor.breaker import CircuitBreaker

from .stub_server import StubServer, send_json

CREDS = Credentials(session_id="s", user_id="u1")
CALLERS = 16


def flaky(share: float):
    """An upstream that fails ``share`` of its calls with a 500, at random, at once."""
    chance = random.Random(share)

    def answer(handler):
        if chance.random() < share:
            send_json(handler, 500, {"message": "flaky"})
        else:
            send_json(handler, 200, {"items": []})

    return StubServer(answer)


def load(url: str, seconds: float) -> tuple[float, int, list[float]]:
    """CALLERS threads calling for ``seconds``: the share of calls answered, the calls refused by
    the open breaker, and the durations of the last second's calls."""
    client = LORClient(url, get_retries=0, breaker=CircuitBreaker())  # the shipped defaults
    ok, shed, late, made = [0], [0], [], [0]
    lock = threading.Lock()
    end = time.monotonic() + seconds

    def caller():
        while (started := time.monotonic()) < end:
            outcome = "ok"
            try:
                client.list_favorites(CREDS)
            except LORUnavailable as exc:
                outcome = "shed" if "paused" in str(exc) else "failed"
            with lock:
                made[0] += 1
                ok[0] += outcome == "ok"
                shed[0] += outcome == "shed"
                if end - started < 1:
                    late.append(time.monotonic() - started)

    threads = [threading.Thread(target=caller) for _ in range(CALLERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return ok[0] / made[0], shed[0], late


@pytest.fixture
def upstream(request):
    server = flaky(request.param)
    yield request.param, server
    server.stop()


@pytest.mark.parametrize("upstream", [0.2, 0.3, 0.4], indirect=True)
def test_a_flaky_commons_answers_as_often_as_it_can(upstream):
    share, server = upstream
    answered, _, _ = load(server.url, seconds=3)
    assert answered / (1 - share) >= 0.95  # of the answers Commons would give, at least 95 % given


@pytest.mark.parametrize("upstream", [0.4], indirect=True)
def test_a_flaky_commons_is_never_shed(upstream):
    _, server = upstream
    _, shed, _ = load(server.url, seconds=3)
    assert shed == 0


@pytest.mark.parametrize("upstream", [1.0], indirect=True)
def test_a_commons_failing_every_call_is_soon_not_asked(upstream):
    _, server = upstream
    _, shed, late = load(server.url, seconds=2.5)
    assert sorted(late)[len(late) // 2] < 0.1  # in the last second, calls fail fast
    assert shed > 0
