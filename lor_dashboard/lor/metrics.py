"""The service module's own numbers for Prometheus: upstream calls by route template (never an id)
and outcome, and the circuit breaker. Only counted here; ops/ serves them at /metrics."""
from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

UPSTREAM_CALLS = Counter("lor_upstream_calls_total", "Calls to Commons", ["method", "route", "status_class"])
UPSTREAM_SECONDS = Histogram(
    "lor_upstream_call_seconds", "Time Commons took to answer", ["method", "route"],
    buckets=(0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
BREAKER_OPEN = Gauge("lor_breaker_open", "1 while this process's circuit breaker is open", multiprocess_mode="liveall")
BREAKER_TRIPS = Counter("lor_breaker_trips_total", "Times the circuit breaker opened")


def observe_call(method: str, route: str, status: object, seconds: float) -> None:
    """``status`` is the HTTP status, or what went wrong instead (timeout, connection-error…)."""
    outcome = f"{status // 100}xx" if isinstance(status, int) else str(status)
    UPSTREAM_CALLS.labels(method, route, outcome).inc()
    if isinstance(status, int):
        UPSTREAM_SECONDS.labels(method, route).observe(seconds)
