"""Is this instance able to serve? Its own dependencies decide; Commons only gets reported."""
from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection

from lor_dashboard.lor.from_settings import get_client


def database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except DatabaseError:
        return "down"


def redis() -> str:
    if not settings.REDIS_URL:
        return "not configured"
    try:
        cache.set("lor-readyz", "1", timeout=5)
        return "ok" if cache.get("lor-readyz") == "1" else "down"
    except Exception:  # any client error means the same thing here: not usable now
        return "down"


def commons() -> str:
    """What this process last saw of Commons, from its circuit breaker: no call is made, so a
    hanging Commons cannot make the probe itself time out."""
    return "failing (circuit open)" if get_client().breaker.is_open else "ok (no repeated failures)"


def report() -> tuple[bool, dict]:
    """(ready, what each dependency said). Commons being down does not make an instance unready:
    every instance would leave the balancer at once, and the pages already say Commons is down."""
    checks = {"database": database(), "redis": redis(), "commons": commons()}
    ready = checks["database"] == "ok" and checks["redis"] in ("ok", "not configured")
    return ready, {"status": "ready" if ready else "unready", **checks}
