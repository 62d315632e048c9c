"""Who is signed in. The LOR session id lives only in the server-side session."""
from __future__ import annotations

import secrets
from dataclasses import replace

from django.http import HttpRequest

from lor_dashboard.core import kept
from lor_dashboard.core.request import SignedInUser
from lor_dashboard.lor import Session

SESSION_KEY = "lor"


def sign_in(request: HttpRequest, session_id: str, session: Session, grant: str = "") -> SignedInUser:
    """Store the user server-side under a new session key (no session fixation).
    ``grant`` names the kept Canvas tokens, when the sign-in came through OAuth.

    Like Django's ``login()``: only the same user signing in again keeps the session's data; anyone
    else (or a browser whose user is unknown) starts from nothing, so on a shared computer nobody
    inherits the last teacher's Undo, remembered choices or messages."""
    previous = request.session.get(SESSION_KEY)
    if isinstance(previous, dict) and previous.get("user_id") == session.user_id:
        request.session.cycle_key()
        owner = previous.get("owner") or new_owner()
    else:
        if isinstance(previous, dict) and previous.get("owner"):
            kept.forget(previous["owner"])
        request.session.flush()
        owner = new_owner()
    request.session[SESSION_KEY] = {
        "owner": owner,
        "grant": grant,
        "sid": session_id,
        "user_id": session.user_id,
        "name": session.full_name or session.user_id,
        "account_name": session.account_name,
        "is_admin": session.is_admin,
    }
    return signed_in_user(request)


def new_owner() -> str:
    return secrets.token_urlsafe(24)


def signed_in_user(request: HttpRequest) -> SignedInUser | None:
    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict) or not data.get("sid"):
        return None
    if not data.get("owner"):  # signed in before sign-ins had one
        data = request.session[SESSION_KEY] = {**data, "owner": new_owner()}
    return SignedInUser(
        owner=data["owner"],
        session_id=data["sid"],
        user_id=data["user_id"],
        name=data.get("name", ""),
        account_name=data.get("account_name", ""),
        is_admin=bool(data.get("is_admin")),
    )


def replace_session_id(request: HttpRequest, session_id: str) -> None:
    """After a renewal: the same user, a new Commons session."""
    request.session[SESSION_KEY] = {**request.session[SESSION_KEY], "sid": session_id}
    if getattr(request, "lor_user", None) is not None:
        request.lor_user = replace(request.lor_user, session_id=session_id)


def sign_out(request: HttpRequest) -> None:
    """Forget everything, including the session key and what the sign-in kept."""
    owner = (request.session.get(SESSION_KEY) or {}).get("owner")
    if owner:
        kept.forget(owner)
    request.session.flush()
