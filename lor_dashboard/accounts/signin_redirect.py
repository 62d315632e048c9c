"""Sending people to sign-in and back, safely."""
from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from lor_dashboard.core.next_url import safe_next


def signin_url(next_url: str | None = None) -> str:
    url = reverse("accounts:signin")
    if next_url and next_url != "/":
        url += "?" + urlencode({"next": next_url})
    return url


def to_signin(request: HttpRequest) -> HttpResponse:
    """Redirect to sign-in, coming back here afterwards. htmx gets ``HX-Redirect``
    so the whole page moves, not just the swapped fragment."""
    if request.htmx:
        current = request.htmx.current_url_abs_path or "/"
        return HttpResponseClientRedirect(signin_url(safe_next(request, current)))
    next_url = request.get_full_path() if request.method == "GET" else None
    return HttpResponseRedirect(signin_url(next_url))
