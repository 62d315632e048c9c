"""What an upstream error means to a person, and messages for htmx responses."""
from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from lor_dashboard.lor import LORBadRequest, LORError, LORForbidden, LORNotFound, LORRateLimited


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
