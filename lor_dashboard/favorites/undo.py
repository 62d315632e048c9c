"""What the last removal took away, so "Undo" can put it back (kept server-side)."""
from __future__ import annotations

from django.http import HttpRequest

from lor_dashboard.core.bulk import MAX_BULK

UNDO_KEY = "favorites_undo"


def remember_removed(request: HttpRequest, resource_ids: list[str], next_url: str) -> None:
    request.session[UNDO_KEY] = {"ids": list(resource_ids), "next": next_url}


def take_removed(request: HttpRequest) -> tuple[list[str], str]:
    data = request.session.pop(UNDO_KEY, None) or {}
    return list(data.get("ids", []))[:MAX_BULK], data.get("next", "")
