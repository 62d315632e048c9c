"""The request log line and the request metrics, measured around the whole stack."""
from __future__ import annotations

import logging
import time

from django.http import HttpRequest, HttpResponse

from lor_dashboard.lor import timing

from .metrics import observe_request

request_log = logging.getLogger("lor_dashboard.requests")


class RequestLogMiddleware:
    """One line per request: method, path (no query: it can hold search text), status,
    duration and the upstream time within it; the same as fields for JSON logs, and as metrics
    by view name. Never a session id: it is in no URL."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.monotonic()
        upstream = timing.start()
        response = self.get_response(request)
        elapsed = time.monotonic() - started
        match = request.resolver_match
        view = match.view_name if match else "unmatched"
        if request_log.isEnabledFor(logging.INFO):  # on every request: build nothing that is not logged
            request_log.info(
                "%s %s %s %.0fms upstream=%.0fms calls=%d", request.method, request.path, response.status_code,
                elapsed * 1000, upstream.ms, upstream.calls,
                extra={"method": request.method, "path": request.path, "status": response.status_code, "view": view,
                       "duration_ms": round(elapsed * 1000, 1), "upstream_ms": round(upstream.ms, 1),
                       "upstream_calls": upstream.calls},
            )
        observe_request(view, request.method, response.status_code, elapsed)
        return response
