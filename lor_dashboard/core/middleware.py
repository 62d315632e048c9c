"""Messages for htmx responses."""
from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


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
