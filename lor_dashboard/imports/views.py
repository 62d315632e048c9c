from __future__ import annotations

from django.urls import reverse
from django.views.decorators.http import require_GET

from lor_dashboard.core.rendering import cursor_param, more_loaded, render_page
from lor_dashboard.core.request import SignedInRequest
from lor_dashboard.lor.default import get_client
from lor_dashboard.lor.stars import with_stars


@require_GET
def import_list(request: SignedInRequest):
    """One cursor page of imported resources; htmx "Load more" gets just the next page."""
    creds = request.lor_user.credentials
    cursor = cursor_param(request)
    client = get_client()
    page, favorite_ids = with_stars(client, creds, lambda: client.list_imports(creds, cursor))
    context = {"page": page, "favorite_ids": favorite_ids, "next": reverse("imports:list"), "focus_first": cursor is not None}
    return render_page(request, "imports/list.html", context, partial="page",
                       announce=more_loaded(cursor, len(page.items), "imported resource"))
