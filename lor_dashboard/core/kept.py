"""Values a signed-in browser keeps between requests, one row each: the Undo of a removal, the
courses a page offered, messages, a value for the next page only (flash.py). Not in the session:
that is read whole and written back whole, so a request running at the same moment would put back
what it read and drop what another request added. Here each value is its own row; writing one
touches no other, and a value that did not change is not written.

``owner`` is the sign-in's token, kept in the session under ``OWNER_KEY`` (``owner_of``): a new
sign-in of someone else starts with nothing, and signing out forgets it all."""
from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from .models import Kept

OWNER_KEY = "kept_owner"
# A request that took a value and died gives it back after this: longer than acting on 100 ids can
# take (4 lanes of 25 calls), so a slow Undo is not run a second time by an impatient click.
CLAIM = timedelta(minutes=5)


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
    Kept.objects.update_or_create(owner=owner, kind=kind, key=key,
                                  defaults={"value": value, "claimed_until": None, "claimed_by": ""})
    if limit is not None:
        stale = Kept.objects.filter(owner=owner, kind=kind).order_by("-updated", "-pk").values_list("pk", flat=True)
        Kept.objects.filter(pk__in=list(stale[limit:])).filter(_unclaimed()).delete()  # not one being acted on


def recall(owner: str, kind: str, key: str) -> Any | None:
    return _row(owner, kind, key).values_list("value", flat=True).first()


def take(owner: str, kind: str, key: str) -> Any | None:
    """The value, once: the request that deletes its row gets it, any other None."""
    row = _row(owner, kind, key).values_list("pk", "value").first()
    if row is None or Kept.objects.filter(pk=row[0]).delete()[0] != 1:
        return None
    return row[1]


def _unclaimed() -> Q:
    return Q(claimed_until=None) | Q(claimed_until__lt=timezone.now())


def claim(owner: str, kind: str, key: str) -> tuple[Any, str] | None:
    """Take the value for acting on it: (value, claim) for the one request that wins; None for the
    others (a double click, a second tab). Afterwards ``settle`` it with the claim."""
    nonce = secrets.token_urlsafe(16)
    if _row(owner, kind, key).filter(_unclaimed()).update(claimed_until=timezone.now() + CLAIM, claimed_by=nonce) != 1:
        return None
    return recall(owner, kind, key), nonce


def settle(owner: str, kind: str, key: str, claim: str, left: Any = None) -> None:
    """After acting: the value is dropped (``left`` is None) or given back as ``left``. Only by the
    request that holds the claim: one whose claim ran out and was taken over changes nothing."""
    row = _row(owner, kind, key).filter(claimed_by=claim)
    if left is None:
        row.delete()
    else:
        row.update(value=left, claimed_until=None, claimed_by="", updated=timezone.now())


def hold(owner: str, kind: str, key: str) -> bool:
    """Take ``key`` for an action in flight (an import): True for the one request that gets it, False
    while another holds it (a double click, a second tab). ``release`` it when done."""
    _row(owner, kind, key).filter(updated__lt=timezone.now() - CLAIM).delete()  # one that died holding it
    try:
        with transaction.atomic():
            Kept.objects.create(owner=owner, kind=kind, key=key, value=True)
    except IntegrityError:
        return False
    return True


def release(owner: str, kind: str, key: str) -> None:
    _row(owner, kind, key).delete()


def forget(owner: str) -> None:
    """Sign-out: everything this sign-in kept."""
    Kept.objects.filter(owner=owner).delete()


def clear_expired(max_age: timedelta) -> int:
    """For the sweep: values untouched for longer than a session lasts."""
    return Kept.objects.filter(updated__lt=timezone.now() - max_age).delete()[0]
