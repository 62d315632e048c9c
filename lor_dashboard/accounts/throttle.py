"""Failed sign-ins are counted per client address and per submitted secret (a digest, never the
secret); past a limit within the window the sign-in is answered 429 with ``Retry-After`` and makes
no upstream call. Counted in the database, so every worker and instance shares the count."""
from __future__ import annotations

import hashlib
import math
from datetime import timedelta

from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from .models import SignInFailure

WINDOW = timedelta(minutes=5)
PER_CLIENT = 20  # a school behind one address has many teachers: generous, but not 100 a second
PER_SECRET = 5


def keys(request: HttpRequest, secret: str) -> dict[str, int]:
    """The counters a sign-in attempt touches, with their limits."""
    digest = hashlib.sha256(secret.encode()).hexdigest()[:40]
    return {f"client:{request.META.get('REMOTE_ADDR', '')}"[:80]: PER_CLIENT, f"secret:{digest}": PER_SECRET}


def retry_after(counters: dict[str, int]) -> int:
    """Seconds until a sign-in may be tried again, or 0 when it may go ahead now."""
    start = timezone.now() - WINDOW
    waits = [
        (row.since - start).total_seconds()
        for row in SignInFailure.objects.filter(key__in=list(counters), since__gt=start)
        if row.count >= counters[row.key]
    ]
    return max(1, math.ceil(max(waits))) if waits else 0


def failed(counters: dict[str, int]) -> None:
    now = timezone.now()
    for key in counters:
        if not SignInFailure.objects.filter(key=key, since__gt=now - WINDOW).update(count=F("count") + 1):
            SignInFailure.objects.update_or_create(key=key, defaults={"count": 1, "since": now})


def succeeded(counters: dict[str, int]) -> None:
    """The secret was right: its counter starts over (the client's does not)."""
    SignInFailure.objects.filter(key__in=[k for k in counters if k.startswith("secret:")]).delete()


def clear_expired() -> int:
    return SignInFailure.objects.filter(since__lte=timezone.now() - WINDOW).delete()[0]
