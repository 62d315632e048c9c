"""A value kept for the next page only (like a message, but for the page itself): where focus goes
after Undo, the error a refused form left for the page that shows it again. One row of the sign-in's
kept values (core/kept.py), not the session: written alone, it cannot be lost to (or drop) what a
request running at the same moment writes."""
from __future__ import annotations

from typing import Any

from . import kept
from .request import SignedInRequest

KIND = "flash"


def flash(request: SignedInRequest, name: str, value: Any, *, about: str = "") -> None:
    """Keep ``value`` until the next ``take`` of ``name``; ``about`` ties it to one item (a resource id)."""
    kept.keep(request.lor_user.owner, KIND, name, {"about": about, "value": value})


def take(request: SignedInRequest, name: str, *, about: str = "", default: Any = None) -> Any:
    """The kept value, once; ``default`` when there is none, or it was about another item."""
    entry = kept.take(request.lor_user.owner, KIND, name)
    return entry["value"] if isinstance(entry, dict) and entry.get("about") == about else default
