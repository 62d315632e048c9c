"""The courses an update page showed (core/offered.py), so a POST is checked against them."""
from __future__ import annotations

from lor_dashboard.core import offered
from lor_dashboard.core.history import newest_version
from lor_dashboard.core.request import SignedInRequest
from lor_dashboard.lor import Update

KIND = "update-courses"


def remember(request: SignedInRequest, resource_id: str, update: Update) -> None:
    offered.remember(request, KIND, resource_id, update.resource.title,
                     {c.course_id: c.course_name for c in update.courses},
                     version=update.version_id or newest_version(update.resource))


def recall(request: SignedInRequest, resource_id: str) -> tuple[str, dict[str, str]] | None:
    """(title, {course id: name}) as last shown, or None."""
    entry = offered.recall(request, KIND, resource_id)
    return (entry["title"], entry["courses"]) if entry else None


def version(request: SignedInRequest, resource_id: str) -> str:
    """The version applying imports: the newest, when the page was shown."""
    entry = offered.recall(request, KIND, resource_id)
    return str(entry.get("version", "")) if entry else ""


def forget_courses(request: SignedInRequest, resource_id: str, course_ids: list[str]) -> dict[str, str]:
    """Drop the acted-on courses; return those left."""
    return offered.forget_courses(request, KIND, resource_id, course_ids)
