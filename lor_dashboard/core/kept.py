"""Values a signed-in browser keeps between requests, one row each: the Undo of a removal, the
courses a page offered. Not in the session: that is read whole and written back whole, so a
request running at the same moment would put back what it read and drop what another request
added. Here each value is its own row; writing one touches no other, and a value that did not
change is not written.

``owner`` is the sign-in's token, kept in the session under ``OWNER_KEY`` (``owner_of``): a new
sign-in of someone else starts with nothing, and signing out forgets it all."""
from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from .models import Kept

OWNER_KEY = "kept_owner"
CLAIM = timedelta(seconds=60)  # a request that took a value and died gives it back after this


def owner_of(request: HttpRequest) -> str:
    """This browser's sign-in token, or "" when nobody is signed in."""
    owner = request.session.get(OWNER_KEY)
    return owner if isinstance(owner, str) else ""


def new_owner() -> str:
    return secrets.token_urlsafe(24)


def _row(owner: str, kind: str, key: str):
    return Kept.objects.filter(owner=owner, kind=kind, key=key)


def keep(owner: str, kind: str, key: str, value: Any, *, limit: int | None = None) -> None:
    """Keep ``value`` under ``key``; with ``limit``, only the newest that many of this kind stay."""
    if _row(owner, kind, key).values_list("value", flat=True).first() == value:
        return  # nothing changed: nothing written
    Kept.objects.update_or_create(owner=owner, kind=kind, key=key, defaults={"value": value, "claimed_until": None})
    if limit is not None:
        stale = Kept.objects.filter(owner=owner, kind=kind).order_by("-updated", "-pk").values_list("pk", flat=True)
        Kept.objects.filter(pk__in=list(stale[limit:])).delete()


def recall(owner: str, kind: str, key: str) -> Any | None:
    return _row(owner, kind, key).values_list("value", flat=True).first()


def claim(owner: str, kind: str, key: str) -> Any | None:
    """Take the value for acting on it: one request wins; the others (a double click, a second tab)
    get None. Afterwards ``drop`` it (done) or ``give_back`` (not done, or partly)."""
    now = timezone.now()
    free = Q(claimed_until=None) | Q(claimed_until__lt=now)
    if _row(owner, kind, key).filter(free).update(claimed_until=now + CLAIM) != 1:
        return None
    return recall(owner, kind, key)


def give_back(owner: str, kind: str, key: str, value: Any) -> None:
    _row(owner, kind, key).update(value=value, claimed_until=None, updated=timezone.now())


def drop(owner: str, kind: str, key: str) -> None:
    _row(owner, kind, key).delete()


def forget(owner: str) -> None:
    """Sign-out: everything this sign-in kept."""
    Kept.objects.filter(owner=owner).delete()


def clear_expired(max_age: timedelta) -> int:
    """For the sweep: values untouched for longer than a session lasts."""
    return Kept.objects.filter(updated__lt=timezone.now() - max_age).delete()[0]
