"""Every page needs a signed-in user unless its view is marked ``@public``."""
from __future__ import annotations

from django.http import HttpRequest
from django.utils.cache import patch_cache_control

from .renewal import with_renewal
from .session import signed_in_user
from .signin_redirect import to_signin


class SignInRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        request.lor_user = with_renewal(request, signed_in_user(request))
        response = self.get_response(request)
        if request.lor_user is not None or signed_in_user(request) is not None:
            # A signed-in page holds the teacher's data: no cache may keep it.
            patch_cache_control(response, no_store=True, private=True)
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if request.lor_user is not None or getattr(view_func, "lor_public", False):
            return None
        return to_signin(request)


class FramedAutofocusMiddleware:
    """Inside Canvas' frame (an LTI launch) the dashboard is a cross-origin subframe, where browsers
    ignore ``autofocus`` on page load, so an error summary or a confirmation would leave focus on
    <body>. There the attribute becomes ``data-autofocus`` and focus.js moves focus to it. htmx
    swaps focus by script already and are left alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        response = self.get_response(request)
        if (getattr(request, "lor_user", None) is not None and not getattr(request, "htmx", False)
                and not response.streaming and response.get("Content-Type", "").startswith("text/html")
                and (request.session.get("lti") or {}).get("framed")):
            response.content = response.content.replace(b" autofocus", b" data-autofocus")
        return response
