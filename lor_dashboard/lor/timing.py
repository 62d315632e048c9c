"""Upstream time spent on behalf of one dashboard request, for the request log.

A ContextVar holds a shared counter; ``parallel.gather`` runs calls in a copy of
the caller's context, so calls made on pool threads count for the right request.
"""
from __future__ import annotations

import threading
from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass
class UpstreamTime:
    ms: float = 0.0
    calls: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, ms: float) -> None:
        with self._lock:
            self.ms += ms
            self.calls += 1


_current: ContextVar[UpstreamTime | None] = ContextVar("lor_upstream_time", default=None)


def start() -> UpstreamTime:
    timer = UpstreamTime()
    _current.set(timer)
    return timer


def record(ms: float) -> None:
    timer = _current.get()
    if timer is not None:
        timer.add(ms)
