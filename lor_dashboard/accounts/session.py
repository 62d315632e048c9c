"""Who is signed in. The LOR session id lives only in the server-side session."""
from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

from lor_dashboard.core import kept, language
from lor_dashboard.core.request import SignedInUser
from lor_dashboard.lor import Session

SESSION_KEY = "lor"


def sign_in(request: HttpRequest, session_id: str, session: Session, grant: str = "", admin: bool = False) -> SignedInUser:
    """Store the user server-side under a new session key (no session fixation).
    ``grant`` names the kept Canvas tokens, when the sign-in came through OAuth; ``admin``: an LTI
    launch said the teacher administers the account (Commons still decides what they may see).

    Like Django's ``login()``: only the same user signing in again keeps the session's data; anyone
    else (or a browser whose user is unknown) starts from nothing, so on a shared computer nobody
    inherits the last teacher's Undo, remembered choices or messages."""
    previous, owner = request.session.get(SESSION_KEY), kept.owner_of(request)
    if isinstance(previous, dict) and previous.get("user_id") == session.user_id and owner:
        request.session.cycle_key()
    else:
        if owner:
            kept.forget(owner)
        _flush_keeping_language(request)
        request.session[kept.OWNER_KEY] = kept.new_owner()
    request.session[SESSION_KEY] = {
        "grant": grant,
        "sid": session_id,
        "user_id": session.user_id,
        "name": session.full_name or session.user_id,
        "account_name": session.account_name,
        "account_id": session.account_id,
        "is_admin": session.is_admin or admin,
    }
    return signed_in_user(request)


def signed_in_user(request: HttpRequest) -> SignedInUser | None:
    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict) or not data.get("sid"):
        return None
    owner = kept.owner_of(request) or _adopt_old_session(request)
    return SignedInUser(
        owner=owner,
        session_id=data["sid"],
        user_id=data["user_id"],
        name=data.get("name", ""),
        account_name=data.get("account_name", ""),
        account_id=data.get("account_id", ""),
        is_admin=bool(data.get("is_admin")),
    )


def _adopt_old_session(request: HttpRequest) -> str:
    """A session signed in before sign-ins had an owner token: derived from the session key, so
    requests of that browser running at once agree on it; and what such a session kept in
    itself is dropped (Undo records and offered courses now live in ``core.Kept``)."""
    owner = salted_hmac("kept-owner", request.session.session_key).hexdigest()[:32]
    request.session[kept.OWNER_KEY] = owner
    for old in ("favorites_undo", "import_courses", "update_courses"):
        request.session.pop(old, None)
    return owner


def replace_session_id(request: HttpRequest, session_id: str) -> None:
    """After a renewal: the same user, a new Commons session."""
    request.session[SESSION_KEY] = {**request.session[SESSION_KEY], "sid": session_id}
    if getattr(request, "lor_user", None) is not None:
        request.lor_user = replace(request.lor_user, session_id=session_id)


def sign_out(request: HttpRequest) -> None:
    """Forget everything, including the session key, what the sign-in kept and the messages this
    request was about to show (an Undo that no longer works, on a computer someone else may use)."""
    storage = messages.get_messages(request)
    if hasattr(storage, "discard"):
        storage.discard()  # nor shown by the page this request may still render
    if owner := kept.owner_of(request):
        kept.forget(owner)
    _flush_keeping_language(request)
    request.lor_user = None  # the page this request still renders shows nobody signed in


def _flush_keeping_language(request: HttpRequest) -> None:
    speaks = language.carried(request.session)
    request.session.flush()
    if speaks:
        request.session[language.SESSION_KEY] = speaks
