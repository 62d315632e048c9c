"""What the dashboard counts for Prometheus, and ``/metrics``.

Served, every worker is its own process: ``lor_dashboard/serve.py`` points ``PROMETHEUS_MULTIPROC_DIR``
at a fresh folder before any worker starts, each worker writes its samples there, and ``/metrics``
adds them up (prometheus-client's multiprocess mode). Without the variable (tests, runserver) the
process's own registry is served.
"""
from __future__ import annotations

import hmac
import ipaddress
import os

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

REQUESTS = Counter("dashboard_requests_total", "Requests served", ["view", "method", "status_class"])
REQUEST_SECONDS = Histogram(
    "dashboard_request_seconds", "Time to answer a request, upstream waits included", ["view", "method"],
    buckets=(0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)


def status_class(status: int) -> str:
    return f"{status // 100}xx"


# Labels come from closed sets only: a made-up method must not add a series.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def method_label(method: str | None) -> str:
    return method if method in METHODS else "other"


def observe_request(view: str, method: str, status: int, seconds: float) -> None:
    method = method_label(method)
    REQUESTS.labels(view, method, status_class(status)).inc()
    REQUEST_SECONDS.labels(view, method).observe(seconds)


def _allowed(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    if token:
        given = request.headers.get("Authorization", "")
        if hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            return True
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in network for network in settings.METRICS_ALLOWED_NETWORKS)


def metrics_response(request: HttpRequest) -> HttpResponse:
    """Prometheus' text format, for allowed addresses or the bearer token; 404 for anyone else
    (the endpoint's existence is nobody else's business)."""
    if not _allowed(request):
        raise Http404
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)
