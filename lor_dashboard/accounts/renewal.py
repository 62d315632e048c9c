"""Sessions that renew themselves. After an OAuth sign-in the Canvas tokens are kept
(encrypted); when Commons answers 401, a new Commons session is made from them and the one
call that got the 401 is sent again (``lor/renewal.py``, in the client's door). Concurrent
requests of one user renew once: a lock per grant (striped, within a process) and a lease on the
grant's row (across processes); whoever comes second finds the session already renewed and uses it."""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import replace
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from lor_dashboard.canvas.client import CanvasError, CanvasTokens
from lor_dashboard.core.request import SignedInUser
from lor_dashboard.lor.renewal import Renewal

from .canvas_signin import SignInProblem, canvas_client, commons_session
from .metrics import RENEWALS
from .models import CanvasGrant
from .secrets import seal, unseal
from .session import SESSION_KEY, replace_session_id

log = logging.getLogger("lor_dashboard.accounts")
_LOCKS = [threading.Lock() for _ in range(64)]
# Longer than a renewal can take (a refresh, the JWT and the Commons session at their deadlines);
# a process that died mid-renewal holds it no longer than this.
LEASE = timedelta(seconds=40)


def keep_grant(tokens: CanvasTokens, session_id: str) -> str:
    """Store what renewal needs; return the grant id for the server-side session. (Grants whose
    session expired without a sign-out are revoked and deleted by ``sweep``.)"""
    grant = CanvasGrant.objects.create(
        refresh_token=seal(tokens.refresh_token), access_token=seal(tokens.access_token),
        access_expires=timezone.now() + timedelta(seconds=tokens.expires_in), commons_session=seal(session_id),
        canvas_base_url=settings.CANVAS_BASE_URL, canvas_user_id=tokens.user_id,
    )
    return str(grant.pk)


def session_from_grant(grant: CanvasGrant) -> str | None:
    """A new Commons session from a kept grant (an LTI launch: the renewal path, as if the grant's
    latest session had just been refused), or None when Canvas no longer honours the grant."""
    with _LOCKS[hash(str(grant.pk)) % len(_LOCKS)]:
        return _latest_or_renew(str(grant.pk), unseal(grant.commons_session))


def with_renewal(request: HttpRequest, user: SignedInUser | None) -> SignedInUser | None:
    """The signed-in user, able to renew the Commons session when a grant was kept."""
    if user is None or not (request.session.get(SESSION_KEY) or {}).get("grant"):
        return user
    home = threading.get_ident()

    def renew_for_request(failed: str) -> str | None:
        try:
            return renew(request, failed)
        finally:
            if threading.get_ident() != home:
                connection.close()  # a parallel lane's thread: no request end will close it

    return replace(user, renewal=Renewal(renew_for_request))


def renew(request: HttpRequest, failed: str) -> str | None:
    """A fresh Commons session for this request's user (``failed`` is the one Commons refused),
    or None when there is no way.

    No transaction is held across the network calls (on SQLite one would lock every writer of the
    database while Canvas answers): a process takes a short lease on the grant with one UPDATE
    that succeeds only if nobody renewed or is renewing, renews, then stores the new session and
    drops the lease in another UPDATE. A process that finds the lease taken waits for the result."""
    grant_id = (request.session.get(SESSION_KEY) or {}).get("grant")
    if not grant_id or not settings.CANVAS_BASE_URL:
        return None
    with _LOCKS[hash(grant_id) % len(_LOCKS)]:
        latest = _latest_or_renew(grant_id, failed)
    if latest is not None:
        replace_session_id(request, latest)
    return latest


def _latest_or_renew(grant_id: str, failed: str) -> str | None:
    waited_until = time.monotonic() + LEASE.total_seconds()
    while True:
        grant = CanvasGrant.objects.filter(pk=grant_id).first()
        if grant is None:
            return None
        latest = unseal(grant.commons_session)
        if latest and latest != failed:
            return latest  # renewed already, by another request
        now = timezone.now()
        free = Q(renewing_until=None) | Q(renewing_until__lt=now)
        # The sealed text is the version: a lease is only taken over the session that failed.
        if CanvasGrant.objects.filter(free, pk=grant_id, commons_session=grant.commons_session).update(
                renewing_until=now + LEASE):
            return _renew(grant)
        if time.monotonic() > waited_until:
            return None
        time.sleep(0.05)  # another process is renewing this grant: its session will do


def _renew(grant: CanvasGrant) -> str | None:
    try:
        latest = _new_commons_session(grant)
    except (CanvasError, SignInProblem) as exc:
        log.info("renewal failed: %s", type(exc).__name__)
        RENEWALS.labels("failed").inc()
        CanvasGrant.objects.filter(pk=grant.pk).update(renewing_until=None)
        return None
    CanvasGrant.objects.filter(pk=grant.pk).update(
        commons_session=seal(latest), access_token=grant.access_token, access_expires=grant.access_expires,
        renewing_until=None, renewed=timezone.now())
    RENEWALS.labels("renewed").inc()
    return latest


def _new_commons_session(grant: CanvasGrant) -> str:
    canvas = canvas_client()
    access = unseal(grant.access_token)
    if access and grant.access_expires > timezone.now() + timedelta(seconds=60):
        try:
            return commons_session(canvas, access)
        except SignInProblem:
            pass  # the access token may have been revoked or expired early: refresh it
    tokens = canvas.refresh(settings.CANVAS_CLIENT_ID, settings.CANVAS_CLIENT_SECRET, unseal(grant.refresh_token))
    grant.access_token = seal(tokens.access_token)
    grant.access_expires = timezone.now() + timedelta(seconds=tokens.expires_in)
    return commons_session(canvas, tokens.access_token)


def forget_grant(request: HttpRequest) -> None:
    """On sign-out: revoke the Canvas token and forget everything kept."""
    grant_id = (request.session.get(SESSION_KEY) or {}).get("grant")
    grant = CanvasGrant.objects.filter(pk=grant_id).first() if grant_id else None
    if grant is None:
        return
    try:
        canvas_client().revoke(unseal(grant.access_token))
    except CanvasError:
        pass  # the grant is forgotten regardless
    grant.delete()
