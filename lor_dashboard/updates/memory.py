"""The courses an update page showed, kept server-side so a POST can be checked
against them without asking Commons again."""
from __future__ import annotations

from django.http import HttpRequest

from lor_dashboard.lor import Update

KEY = "update_courses"
KEEP = 20  # remember the last few update pages only


def remember(request: HttpRequest, resource_id: str, update: Update) -> None:
    shown = dict(request.session.get(KEY, {}))
    shown.pop(resource_id, None)
    shown[resource_id] = {
        "title": update.resource.title,
        "courses": {c.course_id: c.course_name for c in update.courses},
    }
    request.session[KEY] = dict(list(shown.items())[-KEEP:])


def recall(request: HttpRequest, resource_id: str) -> tuple[str, dict[str, str]] | None:
    """(title, {course id: name}) as last shown, or None."""
    entry = request.session.get(KEY, {}).get(resource_id)
    return (entry["title"], entry["courses"]) if entry else None


def forget_courses(request: HttpRequest, resource_id: str, course_ids: list[str]) -> dict[str, str]:
    """Drop the acted-on courses; return those left."""
    shown = dict(request.session.get(KEY, {}))
    entry = shown.get(resource_id)
    if not entry:
        return {}
    left = {cid: name for cid, name in entry["courses"].items() if cid not in course_ids}
    shown[resource_id] = {"title": entry["title"], "courses": left}
    request.session[KEY] = shown
    return left
