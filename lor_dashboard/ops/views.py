from __future__ import annotations

import sys

from django.db import DatabaseError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext
from django.views.decorators.http import require_GET
from django_htmx.http import reswap, retarget

from lor_dashboard.core.access import public
from lor_dashboard.core.request import AppRequest

from . import readiness, request_id
from .metrics import metrics_response


@public
@require_GET
def metrics(request: AppRequest):
    return metrics_response(request)


@public
@require_GET
def healthz(request: AppRequest):
    """Liveness: 200 whenever the process answers. Touches nothing (no database, Redis or Commons):
    a probe during a Commons hang must neither wait for it nor count toward the breaker.
    What this instance's dependencies say is ``/readyz``."""
    return JsonResponse({"status": "ok"})


@public
@require_GET
def readyz(request: AppRequest):
    """200 when this instance can serve (database, and Redis when configured), else 503."""
    ready, body = readiness.report()
    return JsonResponse(body, status=200 if ready else 503)


def server_error(request: AppRequest):
    """handler500. A database that went away is an outage, not a bug: a clear 503 with Retry.
    Rendered without the request's context: that would read the session, from the database."""
    outage = isinstance(sys.exc_info()[1], DatabaseError)
    context = {"request_id": request_id.current(), "retry_url": request.get_full_path() if request.method == "GET" else "",
               "outage": outage}
    if outage and getattr(request, "htmx", False):
        html = render_to_string("core/problem.html#problem", {
            "title": gettext("Temporarily unavailable"),
            "detail": gettext("The dashboard cannot reach its database. Try again in a moment."),
            "retry_url": context["retry_url"], "request_id": context["request_id"], "fragment": True})
        return retarget(reswap(HttpResponse(html, status=503, headers={"Retry-After": "10"}), "innerHTML"), "#messages")
    response = HttpResponse(render_to_string("500.html", context), status=503 if outage else 500)
    if outage:
        response["Retry-After"] = "10"
    return response
