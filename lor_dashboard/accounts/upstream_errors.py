"""Upstream errors in one place: a 401 that renewal could not cure (the client renews and repeats
the one call itself, ``lor/renewal.py``) ends the session; anything else becomes a clear page, or
for htmx a message in the page's message area, with Retry. Never a 500."""
from __future__ import annotations

import logging

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy, ngettext
from django_htmx.http import reswap, retarget

from lor_dashboard.lor import LORAuthError, LORBadRequest, LORError, LORForbidden, LORNotFound, LORRateLimited

from .session import sign_out
from .signin_redirect import to_signin

log = logging.getLogger("lor_dashboard")

EXPIRED = gettext_lazy("Your Commons session has expired. Sign in again to continue.")


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


class UpstreamErrorMiddleware:
    """A 401 that reaches here ends the session and sends the user to sign in; any other
    upstream failure becomes a clear page (or htmx fragment) with Retry, never a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if not isinstance(exc, LORError):
            return None
        if isinstance(exc, LORAuthError):  # the view is never run again: it may have acted already
            sign_out(request)
            messages.warning(request, EXPIRED)
            return to_signin(request)
        status, title, detail = upstream_problem(exc)
        with translation.override(None):  # the log in the words of the code (English), not the page's language
            logged = upstream_problem(exc)[1]
        log.warning("upstream %s on %s %s: %s", type(exc).__name__, request.method, request.path, logged)
        retry_url = request.get_full_path() if request.method == "GET" else ""
        context = {"title": title, "detail": detail, "retry_url": retry_url}
        if request.htmx:
            response = render(request, "core/problem.html#problem", {**context, "fragment": True}, status=status)
            return retarget(reswap(response, "innerHTML"), "#messages")
        return render(request, "core/problem.html", context, status=status)
