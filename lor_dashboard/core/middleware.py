"""Upstream errors in one place, and messages for htmx responses."""
from __future__ import annotations

import logging

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from lor_dashboard.accounts.navigation import to_signin
from lor_dashboard.accounts.renewal import renew
from lor_dashboard.accounts.session import sign_out
from lor_dashboard.lor import (
    LORAuthError,
    LORBadRequest,
    LORError,
    LORForbidden,
    LORNotFound,
    LORRateLimited,
)

log = logging.getLogger("lor_dashboard")

EXPIRED = "Your Commons session has expired. Sign in again to continue."


def upstream_problem(exc: LORError) -> tuple[int, str, str]:
    """(status, title, what to do) for an upstream error a view let through."""
    if isinstance(exc, LORNotFound):
        return 404, "Not found", "Commons has no such item. It may have been removed."
    if isinstance(exc, LORForbidden):
        return 403, "Not allowed", "Commons does not allow your account to do this."
    if isinstance(exc, LORBadRequest):
        return 400, "Commons refused the request", exc.message or "Check what you entered and try again."
    if isinstance(exc, LORRateLimited):
        wait = f" in {int(exc.retry_after)} seconds" if exc.retry_after else " in a moment"
        return 503, "Commons is busy", f"Commons is receiving too many requests. Try again{wait}."
    return 503, "Commons is not answering", (
        f"{exc.message or 'Commons could not be reached.'} Your data is safe; try again in a moment."
    )


class UpstreamErrorMiddleware:
    """A 401 ends the session and sends the user to sign in; any other upstream
    failure becomes a clear page (or htmx fragment) with Retry, never a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if not isinstance(exc, LORError):
            return None
        if isinstance(exc, LORAuthError):
            if not getattr(request, "lor_renewed", False) and renew(request):
                # A new Commons session from the kept Canvas tokens: run the view once more,
                # invisibly to the user (htmx requests too).
                request.lor_renewed = True
                match = request.resolver_match
                try:
                    return match.func(request, *match.args, **match.kwargs)
                except LORError as again:
                    return self.process_exception(request, again)
            sign_out(request)
            messages.warning(request, EXPIRED)
            return to_signin(request)
        status, title, detail = upstream_problem(exc)
        log.warning("upstream %s on %s %s: %s", type(exc).__name__, request.method, request.path, title)
        retry_url = request.get_full_path() if request.method == "GET" else ""
        context = {"title": title, "detail": detail, "retry_url": retry_url}
        if request.htmx:
            response = render(request, "core/problem.html#problem", context, status=status)
            response["HX-Retarget"] = "#messages"
            response["HX-Reswap"] = "innerHTML"
            return response
        return render(request, "core/problem.html", context, status=status)


class HtmxMessagesMiddleware:
    """htmx swaps a fragment, not the page, so pending messages ride along
    out-of-band into ``#messages``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            not request.htmx
            or response.streaming
            or "HX-Redirect" in response
            or 300 <= response.status_code < 400
            or "text/html" not in response.get("Content-Type", "")
            or response.get("HX-Retarget") == "#messages"
        ):
            return response
        pending = list(messages.get_messages(request))
        if pending:
            response.content += render_to_string(
                "core/messages.html", {"messages": pending, "oob": True}, request=request
            ).encode()
        return response
