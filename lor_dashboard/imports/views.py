from __future__ import annotations

from django.views.decorators.http import require_GET

from lor_dashboard.core.rendering import render_page
from lor_dashboard.lor.default import get_client
from lor_dashboard.lor.parallel import gather


@require_GET
def import_list(request):
    """One cursor page of imported resources; htmx "Load more" gets just the next page."""
    creds = request.lor_user.credentials
    cursor = request.GET.get("cursor", "")[:1024] or None
    client = get_client()
    results = gather(
        page=lambda: client.list_imports(creds, cursor),
        favorites=lambda: client.list_favorites(creds),
    )
    if not results["page"].ok:
        raise results["page"].error
    favorites = results["favorites"]
    context = {
        "page": results["page"].value,
        # Without the favorites list we cannot tell which star to show, so we show none.
        "favorite_ids": {r.id for r in favorites.value} if favorites.ok else None,
        "next": request.get_full_path() if not cursor else "/imports/",
    }
    return render_page(request, "imports/list.html", context, partial="page")
