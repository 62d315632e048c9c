"""The courses a resource page offered, kept server-side: an import is checked against them
without asking Commons again, and a course that was not offered never reaches it."""
from __future__ import annotations

from django.http import HttpRequest

KEY = "import_courses"
ERROR_KEY = "import_error"
KEEP = 20


def remember(request: HttpRequest, resource_id: str, title: str, courses: dict[str, str], held: set[str]) -> None:
    shown = dict(request.session.get(KEY, {}))
    shown.pop(resource_id, None)
    shown[resource_id] = {"title": title, "courses": courses, "held": sorted(held)}
    request.session[KEY] = dict(list(shown.items())[-KEEP:])


def recall(request: HttpRequest, resource_id: str) -> tuple[str, dict[str, str], set[str]] | None:
    entry = request.session.get(KEY, {}).get(resource_id)
    return (entry["title"], entry["courses"], set(entry["held"])) if entry else None


def flash_error(request: HttpRequest, resource_id: str, error: str) -> None:
    request.session[ERROR_KEY] = {"id": resource_id, "error": error}


def take_error(request: HttpRequest, resource_id: str) -> str:
    entry = request.session.pop(ERROR_KEY, None) or {}
    return entry.get("error", "") if entry.get("id") == resource_id else ""
