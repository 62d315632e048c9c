"""One view serves the page and its htmx fragment."""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.translation import gettext
from django_htmx.http import reswap, retarget, trigger_client_event


def wants_fragment(request: HttpRequest) -> bool:
    """An htmx swap wants the fragment; a history restore needs the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def render_page(
    request: HttpRequest, template: str, context: dict, *, partial: str, status: int = 200,
    title: str = "", announce: str = "",
) -> HttpResponse:
    """The page, or for htmx its named partial (``fragment`` is true in its context: what is
    there at a page's load and what a swap inserts may need different roles or heading levels).
    A fragment also carries the page's new ``<title>`` (htmx sets it) and ``announce``: text for
    the page's polite status region, which stays in the page while its contents change (a new
    live region is often not read)."""
    if not wants_fragment(request):
        return render(request, template, {**context, "page_title": title, "fragment": False}, status=status)
    response = render(request, f"{template}#{partial}", {**context, "fragment": True}, status=status)
    if title:
        response.content = format_html("<title>{} · LOR Dashboard</title>", title).encode() + response.content
    if announce:
        response.content += announce_oob(announce).encode()
    return response


def announce_oob(text: str) -> str:
    """An out-of-band swap of the status region's contents. In a <template>, so that it also
    parses beside table rows (htmx takes out-of-band content from templates)."""
    return format_html('<template><div id="status" hx-swap-oob="innerHTML">{}</div></template>', text)


def more_loaded(cursor: str | None, n: int, loaded: str, none: str) -> str:
    """What "Load more" announces: ``loaded`` ("3 more resources loaded.") when it brought ``n`` more,
    else ``none`` ("No more resources."); nothing for a first page. Each a whole sentence of the caller's."""
    if cursor is None:
        return ""
    return loaded if n else none


def group_error(request: HttpRequest, template: str, error: str, *, group: str, error_id: str) -> HttpResponse:
    """An htmx answer to a refused choice of checkboxes: the error block into ``#error_id`` (tied to
    the fieldset ``group`` by aria-describedby), announced, and a client event (static/js/focus.js)
    that marks the group invalid and moves focus to its first box."""
    response = render(request, template, {"error": error})
    # Translators: what a screen reader announces when a choice is refused; %(error)s is a whole sentence.
    response.content += announce_oob(gettext("Error: %(error)s") % {"error": error}).encode()
    trigger_client_event(response, "lor:invalid", {"group": group}, after="settle")
    return retarget(reswap(response, "outerHTML"), f"#{error_id}")


MAX_CURSOR = 1024  # cursors are opaque, but not unbounded: they go into upstream URLs


def cursor_param(request: HttpRequest) -> str | None:
    """The ``?cursor=`` of a "Load more" request, or None for the first page."""
    return request.GET.get("cursor", "")[:MAX_CURSOR] or None
