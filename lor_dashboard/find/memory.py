"""The courses a resource page offered, kept server-side: an import is checked against them
without asking Commons again, and a course that was not offered never reaches it."""
from __future__ import annotations

from django.http import HttpRequest

from .service import ResourcePage

KEY = "import_courses"
KEEP = 20


def remember(request: HttpRequest, resource_id: str, page: ResourcePage) -> None:
    """The courses the page offered (none when they could not be loaded: nothing can be imported)."""
    title, courses, held = page.resource.title, {c.id: c.name for c in page.courses or ()}, sorted(page.held)
    shown = dict(request.session.get(KEY, {}))
    shown.pop(resource_id, None)
    shown[resource_id] = {"title": title, "courses": courses, "held": held}
    request.session[KEY] = dict(list(shown.items())[-KEEP:])


def recall(request: HttpRequest, resource_id: str) -> tuple[str, dict[str, str], set[str]] | None:
    entry = request.session.get(KEY, {}).get(resource_id)
    return (entry["title"], entry["courses"], set(entry["held"])) if entry else None
