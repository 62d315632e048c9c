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
