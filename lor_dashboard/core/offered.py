"""The courses a page offered for one resource, kept per sign-in (core/kept.py): a POST is checked
against them without asking Commons again, and a course that was not offered never reaches it.
Find's import form and an update's page each keep their own ``kind``."""
from __future__ import annotations

from typing import Any

from . import kept
from .request import SignedInRequest

KEEP = 20  # the last few pages of each kind


def remember(request: SignedInRequest, kind: str, resource_id: str, title: str, courses: dict[str, str],
             **more: Any) -> None:
    kept.keep(request.lor_user.owner, kind, resource_id, {"title": title, "courses": courses, **more}, limit=KEEP)


def recall(request: SignedInRequest, kind: str, resource_id: str) -> dict | None:
    """{"title", "courses": {id: name}, ...} as the page last offered them, or None."""
    entry = kept.recall(request.lor_user.owner, kind, resource_id)
    return entry if isinstance(entry, dict) and isinstance(entry.get("courses"), dict) else None


def forget_courses(request: SignedInRequest, kind: str, resource_id: str, course_ids: list[str]) -> dict[str, str]:
    """Drop the acted-on courses; return those left."""
    entry = recall(request, kind, resource_id)
    if entry is None:
        return {}
    left = {cid: name for cid, name in entry["courses"].items() if cid not in course_ids}
    kept.keep(request.lor_user.owner, kind, resource_id, {**entry, "courses": left})
    return left
