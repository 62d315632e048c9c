"""A circuit breaker per process: after repeated unavailable errors, fail fast
instead of holding a worker thread for every timeout; try again on its own later.

Only "unavailable" (5xx, timeouts, connection failures) counts. Any other
answer, 4xx included, proves the upstream is alive and closes the circuit.
"""
from __future__ import annotations

import threading
import time
from typing import Callable

from .metrics import BREAKER_OPEN, BREAKER_TRIPS


class CircuitBreaker:
    def __init__(self, failures: int = 5, reset_after: float = 15.0, clock: Callable[[], float] = time.monotonic):
        self.failures = failures
        self.reset_after = reset_after
        self.clock = clock
        self._lock = threading.Lock()
        self._count = 0
        self._opened_at: float | None = None
        self._trial = False  # half-open: one call is trying the upstream

    def allow(self) -> bool:
        """May a call go out now? Half-open lets exactly one trial through."""
        with self._lock:
            if self._opened_at is None:
                return True
            if self._trial or self.clock() - self._opened_at < self.reset_after:
                return False
            self._trial = True
            return True

    def succeeded(self) -> None:
        with self._lock:
            if self._opened_at is not None:
                BREAKER_OPEN.set(0)
            self._count, self._opened_at, self._trial = 0, None, False

    def failed(self) -> None:
        with self._lock:
            self._count += 1
            if self._trial or self._count >= self.failures:
                if self._opened_at is None:
                    BREAKER_TRIPS.inc()
                    BREAKER_OPEN.set(1)
                self._opened_at, self._trial = self.clock(), False

    @property
    def is_open(self) -> bool:
        with self._lock:
            return self._opened_at is not None
