"""A circuit breaker per process that sheds in proportion: it opens when a *share* of recent calls
fail, not after a run of failures, so a flaky Commons (one call in five failing) is not turned into
seconds of refusing every call, while a Commons that is down is stopped being asked at once.

The model is resilience4j's: a sliding window of the last ``window`` seconds (one bucket a second);
once it holds at least ``min_calls`` calls and ``failure_rate`` of them failed, the circuit opens.
It stays open ``open_for`` seconds, then lets ``trials`` calls through (half-open), judged by the
same rate: enough of them succeed and it closes with a fresh window; ``failure_rate`` of them fail
and it opens again for twice as long (up to ``max_open``), so a Commons that stays down is asked
less and less often.

Only "unavailable" (5xx, timeouts, connection failures) counts as failing. Any other answer, 4xx
included, proves the upstream is alive.
"""
from __future__ import annotations

import math
import threading
import time
from typing import Callable

from .metrics import BREAKER_OPEN, BREAKER_TRIPS

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half-open"


class CircuitBreaker:
    def __init__(self, *, failure_rate: float = 0.5, min_calls: int = 50, window: float = 10.0,
                 open_for: float = 2.0, max_open: float = 30.0, trials: int = 4,
                 clock: Callable[[], float] = time.monotonic):
        self.failure_rate, self.min_calls, self.trials = failure_rate, max(1, min_calls), max(1, trials)
        self.open_for, self.max_open, self.clock = open_for, max(open_for, max_open), clock
        self._buckets = max(1, math.ceil(window))  # one a second
        self._lock = threading.Lock()
        self._calls = [0] * self._buckets
        self._failures = [0] * self._buckets
        self._second = [0] * self._buckets  # which second each bucket counts
        self.state = CLOSED
        self._opened_at = 0.0
        self._open_period = open_for
        self._trials_out = 0  # half-open: trial calls let through, and how they ended
        self._trials_ok = 0
        self._trials_failed = 0

    def allow(self) -> bool:
        """May a call go out now? Half-open lets ``trials`` calls through, no more."""
        with self._lock:
            if self.state == OPEN:
                if self.clock() - self._opened_at < self._open_period:
                    return False
                self.state, self._trials_out, self._trials_ok, self._trials_failed = HALF_OPEN, 0, 0, 0
            if self.state == HALF_OPEN:
                if self._trials_out >= self.trials:
                    return False
                self._trials_out += 1
            return True

    def succeeded(self) -> None:
        with self._lock:
            if self.state == HALF_OPEN:
                self._trials_ok += 1
                if self._trials_ok > self.trials * (1 - self.failure_rate):
                    self._close()
                return
            if self.state == CLOSED:
                self._count(failed=False)

    def failed(self) -> None:
        with self._lock:
            if self.state == HALF_OPEN:
                self._trials_failed += 1
                if self._trials_failed >= self.trials * self.failure_rate:  # still failing: open again, for longer
                    self._open(min(self._open_period * 2, self.max_open))
                return
            if self.state == OPEN:
                return  # a call let out before it opened; already counted as open
            calls, failures = self._count(failed=True)
            if calls >= self.min_calls and failures >= self.failure_rate * calls:
                BREAKER_TRIPS.inc()
                self._open(self.open_for)

    @property
    def is_open(self) -> bool:
        with self._lock:
            return self.state != CLOSED

    def _count(self, *, failed: bool) -> tuple[int, int]:
        """Count one call in this second's bucket; the window's calls and failures."""
        second = int(self.clock())
        slot = second % self._buckets
        if self._second[slot] != second:
            self._second[slot], self._calls[slot], self._failures[slot] = second, 0, 0
        self._calls[slot] += 1
        self._failures[slot] += failed
        oldest = second - self._buckets
        live = [i for i in range(self._buckets) if self._second[i] > oldest]
        return sum(self._calls[i] for i in live), sum(self._failures[i] for i in live)

    def _open(self, period: float) -> None:
        self.state, self._opened_at, self._open_period = OPEN, self.clock(), period
        BREAKER_OPEN.set(1)

    def _close(self) -> None:
        self.state, self._open_period = CLOSED, self.open_for
        self._calls = [0] * self._buckets
        self._failures = [0] * self._buckets
        BREAKER_OPEN.set(0)
