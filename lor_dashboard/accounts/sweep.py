"""What sign-in leaves behind is cleared on a schedule: expired sessions, sign-ins that never
finished, old failure counters, values kept for Undo and forms, and Canvas grants whose session is over (revoked at Canvas, then
deleted). ``manage.py sweep`` runs it all (cron, hourly); every sign-in also runs a small sweep at
most every few minutes per process, so a deployment without cron does not grow either."""
from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from lor_dashboard.canvas.client import CanvasError
from lor_dashboard.core import kept

from . import throttle
from .canvas_signin import STATE_LIFETIME, canvas_client
from .models import CanvasGrant, OAuthState
from .secrets import unseal

log = logging.getLogger("lor_dashboard.accounts")
EVERY = 300  # seconds between the small sweeps of one process
SIGN_IN_REVOKES = 5  # grants one small sweep revokes at most (each is a Canvas call); the rest wait
_last, _lock = [float("-inf")], threading.Lock()


def sweep(max_revokes: int | None = None) -> dict[str, int]:
    """Clear everything expired; how many of each were cleared."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    # Both engines in use (database, cached_db) keep sessions in the model: one DELETE, counted.
    sessions = store.get_model_class().objects.filter(expire_date__lt=timezone.now()).delete()[0]
    states = OAuthState.objects.filter(created__lte=timezone.now() - STATE_LIFETIME).delete()[0]
    counters = throttle.clear_expired()
    grants = _forget_stale_grants(max_revokes)
    values = kept.clear_expired(timedelta(seconds=settings.SESSION_COOKIE_AGE))
    return {"sessions": sessions, "sign_ins": states, "counters": counters, "grants": grants,
            "kept": values}


def sweep_now_and_then() -> None:
    """The small sweep on sign-in: at most once every ``EVERY`` seconds in this process."""
    with _lock:
        if time.monotonic() - _last[0] < EVERY:
            return
        _last[0] = time.monotonic()
    sweep(SIGN_IN_REVOKES)


def _forget_stale_grants(max_revokes: int | None) -> int:
    """Grants untouched for longer than a session lasts: their session expired without a sign-out.
    A grant that knows its Canvas user is kept longer (``CANVAS_GRANT_DAYS`` since its last use): the
    next LTI launch by that teacher signs in with it, without asking Canvas again."""
    now = timezone.now()
    stale = CanvasGrant.objects.filter(
        Q(canvas_user_id="", renewed__lt=now - timedelta(seconds=settings.SESSION_COOKIE_AGE))
        | Q(renewed__lt=now - timedelta(days=settings.CANVAS_GRANT_DAYS)))
    stale = stale.order_by("renewed")[:max_revokes] if max_revokes is not None else stale.order_by("renewed")
    done = 0
    for grant in stale:
        try:
            canvas_client().revoke(unseal(grant.access_token))  # ends the refresh token too
        except CanvasError:
            log.info("sweep: a stale grant could not be revoked at Canvas; deleted all the same")
        grant.delete()
        done += 1
    return done
