"""What a removal took away, so its "Undo" can put it back. Each removal keeps its own record
(core/kept.py), named by a token its Undo button carries: two tabs, two Undos. The record is
taken only once Commons has restored everything in it; what could not be restored stays."""
from __future__ import annotations

import re
import secrets

from lor_dashboard.core import kept
from lor_dashboard.core.bulk import MAX_BULK
from lor_dashboard.core.request import SignedInRequest

KIND = "undo-favorites"
KEEP = 20  # the last few removals can be undone
TOKEN = re.compile(r"[A-Za-z0-9_-]{16}")


def remember_removed(request: SignedInRequest, resource_ids: list[str], next_url: str) -> str:
    """Keep a removal; return the token its Undo sends back."""
    token = secrets.token_urlsafe(12)
    kept.keep(request.lor_user.owner, KIND, token, {"ids": list(resource_ids)[:MAX_BULK], "next": next_url}, limit=KEEP)
    return token


def claim_removed(request: SignedInRequest, token: str) -> tuple[list[str], str, str] | None:
    """(ids, where to go back, the claim) for this Undo, held so a second click cannot run it too;
    None when there is nothing (undone already, too old, or not this sign-in's)."""
    if not TOKEN.fullmatch(token):
        return None
    claimed = kept.claim(request.lor_user.owner, KIND, token)
    if claimed is None or not isinstance(claimed[0], dict):
        return None
    record, claim = claimed
    return [str(i) for i in record.get("ids", [])][:MAX_BULK], str(record.get("next", "")), claim


def settle(request: SignedInRequest, token: str, claim: str, next_url: str, left: list[str]) -> None:
    """After trying: the record goes when nothing is left worth trying again; else it keeps those."""
    kept.settle(request.lor_user.owner, KIND, token, claim, {"ids": left, "next": next_url} if left else None)
