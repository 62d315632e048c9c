from __future__ import annotations

from django.urls import reverse
from django.views.decorators.http import require_GET

from lor_dashboard.core.rendering import cursor_param, more_loaded, render_page
from lor_dashboard.core.request import SignedInRequest
from lor_dashboard.lor.default import get_client

from .service import load


@require_GET
def import_list(request: SignedInRequest):
    """One cursor page of imported resources, each with the courses known to hold it and "Update
    available" when one waits; htmx "Load more" gets just the next page."""
    cursor = cursor_param(request)
    loaded = load(get_client(), request.lor_user.credentials, cursor)
    context = {"loaded": loaded, "page": loaded.page, "favorite_ids": loaded.favorite_ids, "next": reverse("imports:list"),
               "focus_first": cursor is not None}
    return render_page(request, "imports/list.html", context, partial="page",
                       announce=more_loaded(cursor, len(loaded.page.items), "imported resource"))
