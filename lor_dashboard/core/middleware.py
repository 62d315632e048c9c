"""What an upstream error means to a person, and messages for htmx responses."""
from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext, ngettext

from lor_dashboard.lor import LORBadRequest, LORError, LORForbidden, LORNotFound, LORRateLimited


def upstream_problem(exc: LORError) -> tuple[int, str, str]:
    """(status, title, what to do) for an upstream error a view let through, in the page's language."""
    if isinstance(exc, LORNotFound):
        return 404, gettext("Not found"), gettext("Commons has no such item. It may have been removed.")
    if isinstance(exc, LORForbidden):
        return 403, gettext("Not allowed"), gettext("Commons does not allow your account to do this.")
    if isinstance(exc, LORBadRequest):
        return 400, gettext("Commons refused the request"), exc.message or gettext("Check what you entered and try again.")
    if isinstance(exc, LORRateLimited):
        if exc.retry_after:
            wait = int(exc.retry_after)
            detail = ngettext("Commons is receiving too many requests. Try again in %(count)s seconds.",
                              "Commons is receiving too many requests. Try again in %(count)s seconds.",
                              wait) % {"count": wait}
        else:
            detail = gettext("Commons is receiving too many requests. Try again in a moment.")
        return 503, gettext("Commons is busy"), detail
    problem = exc.message or gettext("Commons could not be reached.")
    # Translators: %(problem)s is a whole sentence saying what went wrong ("Commons took too long to answer.").
    detail = gettext("%(problem)s Your data is safe; try again in a moment.") % {"problem": problem}
    return 503, gettext("Commons is not answering"), detail


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
