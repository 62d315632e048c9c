"""A value kept server-side for the next page only (like a message, but for the page itself):
where focus goes after Undo, the error a refused form left for the page that shows it again."""
from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def flash(request: HttpRequest, name: str, value: Any, *, about: str = "") -> None:
    """Keep ``value`` until the next ``take`` of ``name``; ``about`` ties it to one item (a resource id)."""
    request.session[f"flash:{name}"] = {"about": about, "value": value}


def take(request: HttpRequest, name: str, *, about: str = "", default: Any = None) -> Any:
    """The kept value, once; ``default`` when there is none, or it was about another item."""
    entry = request.session.pop(f"flash:{name}", None)
    return entry["value"] if entry and entry["about"] == about else default
