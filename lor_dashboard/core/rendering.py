"""One view serves the page and its htmx fragment."""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def wants_fragment(request: HttpRequest) -> bool:
    """An htmx swap wants the fragment; a history restore needs the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def render_page(request: HttpRequest, template: str, context: dict, *, partial: str, status: int = 200) -> HttpResponse:
    name = f"{template}#{partial}" if wants_fragment(request) else template
    return render(request, name, context, status=status)


MAX_CURSOR = 1024  # cursors are opaque, but not unbounded: they go into upstream URLs


def cursor_param(request: HttpRequest) -> str | None:
    """The ``?cursor=`` of a "Load more" request, or None for the first page."""
    return request.GET.get("cursor", "")[:MAX_CURSOR] or None
