"""What the last removal took away, so "Undo" can put it back (kept server-side)."""
from __future__ import annotations

from django.http import HttpRequest

UNDO_KEY = "favorites_undo"


def remember_removed(request: HttpRequest, resource_ids: list[str], next_url: str) -> None:
    request.session[UNDO_KEY] = {"ids": list(resource_ids), "next": next_url}


def take_removed(request: HttpRequest) -> tuple[list[str], str]:
    data = request.session.pop(UNDO_KEY, None) or {}
    return list(data.get("ids", [])), data.get("next", "")


RESTORED_KEY = "favorites_restored"


def remember_restored(request: HttpRequest, resource_id: str) -> None:
    """The list shown next puts focus on this restored favorite."""
    request.session[RESTORED_KEY] = resource_id


def take_restored(request: HttpRequest) -> str | None:
    return request.session.pop(RESTORED_KEY, None)
