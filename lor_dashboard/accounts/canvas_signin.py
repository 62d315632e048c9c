"""Getting a Commons session from Canvas: OAuth2 (authorization code) or a personal
access token, then the LTI JWT, then ``POST /api/sessions``. Every failure becomes a
``SignInProblem`` whose message says what to do. No token is ever logged; after OAuth the
tokens are kept only encrypted, for renewal (see ``renewal``)."""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext

from lor_dashboard.canvas.address import allowed_address
from lor_dashboard.canvas.client import (
    CanvasAuthError,
    CanvasClient,
    CanvasError,
    CanvasRefused,
    CanvasTokens,
    CanvasUnavailable,
)
from lor_dashboard.lor import LORError, LORUnavailable
from lor_dashboard.lor.from_settings import get_client

from .models import OAuthState

STATE_COOKIE = "lor_oauth_state"
STATE_LIFETIME = timedelta(minutes=10)


class SignInProblem(Exception):
    """A sign-in that did not work; ``message`` says why and what to do, in the request's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def oauth_enabled() -> bool:
    return bool(settings.CANVAS_BASE_URL and settings.CANVAS_CLIENT_ID and settings.CANVAS_CLIENT_SECRET)


def canvas_client(base_url: str | None = None) -> CanvasClient:
    """The configured Canvas (or ``base_url``'s, for the access-token path), with our timeouts."""
    return CanvasClient(base_url or settings.CANVAS_BASE_URL,
                        timeout=(settings.LOR_CONNECT_TIMEOUT, settings.LOR_READ_TIMEOUT))


@dataclass(frozen=True)
class OAuthOutcome:
    session_id: str = field(repr=False)
    next_url: str
    tokens: CanvasTokens
    launch_admin: bool = False  # the LTI launch that started it said the teacher is an admin
    locale: str = ""  # the Canvas profile's language


def start_oauth(redirect_uri: str, next_url: str, expect_user: str = "", launch_admin: bool = False) -> tuple[str, str]:
    """(the Canvas URL to go to, a fresh unguessable state). The state is kept as a digest until
    one callback takes it; the caller binds it to this browser with a cookie (no session row is
    written for an anonymous visitor). ``expect_user``: the Canvas user id an LTI launch named;
    a token of anyone else is refused."""
    state = secrets.token_urlsafe(32)
    OAuthState.objects.create(digest=_digest(state), next_url=next_url, expect_user=expect_user,
                              launch_admin=launch_admin)
    url = canvas_client(settings.CANVAS_BASE_URL).authorize_url(
        settings.CANVAS_CLIENT_ID, redirect_uri, state, settings.CANVAS_SCOPES)
    return url, state


def _digest(state: str) -> str:
    return hashlib.sha256(state.encode()).hexdigest()


def take_state(state: str) -> OAuthState | None:
    """A started sign-in, once: the row is deleted, and of concurrent callbacks with the same
    state only the one whose DELETE removed it goes on."""
    digest = _digest(state)
    row = OAuthState.objects.filter(digest=digest, created__gt=timezone.now() - STATE_LIFETIME).first()
    deleted, _ = OAuthState.objects.filter(digest=digest).delete()
    return row if row is not None and deleted else None


def finish_oauth(request: HttpRequest, redirect_uri: str, bound_state: str) -> OAuthOutcome:
    """The Commons session, next and Canvas tokens from Canvas's redirect back. The state works
    once, and only in the browser it was bound to (``bound_state``, from its cookie)."""
    state = request.GET.get("state", "")
    started = take_state(state) if state and bound_state and constant_time_compare(state, bound_state) else None
    if started is None:
        raise SignInProblem(gettext(
            "This sign-in could not be verified: it was already used, or it did not start in this browser. "
            "Start again with “Sign in with Canvas”."
        ))
    error = request.GET.get("error", "")
    if error == "access_denied":
        raise SignInProblem(
            gettext("You chose not to authorize LOR Dashboard in Canvas. Sign in again when you are ready."))
    if error == "invalid_scope":
        raise SignInProblem(gettext(
            "The dashboard's Canvas developer key lacks a scope it needs. Ask your Canvas administrator to "
            "allow the LTI jwt_token scope on the key."
        ))
    if error or not request.GET.get("code"):
        raise SignInProblem(gettext("Canvas did not complete the sign-in. Try again."))
    canvas = canvas_client(settings.CANVAS_BASE_URL)
    try:
        tokens = canvas.exchange_code(settings.CANVAS_CLIENT_ID, settings.CANVAS_CLIENT_SECRET, redirect_uri,
                                      request.GET["code"])
    except CanvasUnavailable as exc:
        raise SignInProblem(_try_again(exc)) from exc
    except (CanvasAuthError, CanvasRefused) as exc:
        raise SignInProblem(gettext("Canvas did not accept this sign-in (it may have expired). Start again.")) from exc
    if started.expect_user and tokens.user_id != started.expect_user:
        try:
            canvas.revoke(tokens.access_token)  # not ours to keep: someone else's grant
        except CanvasError:
            pass
        raise SignInProblem(gettext(
            "You approved in Canvas as a different person than the one who opened LOR Dashboard from Canvas. "
            "Sign out of Canvas in this browser, sign in as yourself, and open LOR Dashboard from Canvas again."))
    return OAuthOutcome(commons_session(canvas, tokens.access_token), started.next_url, tokens, started.launch_admin,
                        profile_locale(canvas, tokens.access_token))


def profile_locale(canvas: CanvasClient, access_token: str) -> str:
    """The Canvas profile's language, or "" if Canvas will not say: no sign-in fails for it."""
    try:
        return canvas.locale(access_token)
    except CanvasError:
        return ""


def check_canvas_address(url: str) -> str:
    """The Canvas base URL a person typed, if the dashboard may call it (no requests to
    arbitrary hosts from our server), rebuilt from its checked parts (``canvas.address``)."""
    address = allowed_address(url.strip(), settings.CANVAS_TOKEN_HOSTS)
    if address is None:
        raise SignInProblem(gettext(
            "That Canvas address is not one this dashboard works with. Check it, or use “Sign in with Canvas”."))
    return address.url


def session_from_token(canvas_url: str, token: str) -> tuple[str, str]:
    """A Commons session and the Canvas profile's language from a personal access token, used once
    and not kept."""
    canvas = canvas_client(check_canvas_address(canvas_url))
    return commons_session(canvas, token), profile_locale(canvas, token)


def commons_session(canvas: CanvasClient, access_token: str) -> str:
    try:
        jwt = canvas.jwt_token(access_token, settings.LOR_TOOL_LAUNCH_URL)
    except CanvasUnavailable as exc:
        raise SignInProblem(_try_again(exc)) from exc
    except CanvasAuthError as exc:
        raise SignInProblem(gettext(
            "Canvas did not accept the token: it is wrong, expired or revoked. Create a new one in Canvas.")) from exc
    except CanvasRefused as exc:
        # Our own words only: the address may not be a Canvas, and its text is not ours to show.
        raise SignInProblem(gettext("Canvas refused to issue a Commons token. Ask your Canvas administrator.")) from exc
    try:
        return get_client().create_session(jwt)
    except LORUnavailable as exc:
        raise SignInProblem(gettext("Commons could not be reached. Try again in a moment.")) from exc
    except LORError as exc:
        if not exc.message:
            raise SignInProblem(gettext(
                "Commons did not accept your Canvas sign-in. Open Commons once from Canvas, accept its terms, "
                "then try again.")) from exc
        # Translators: %(reason)s is the reason Commons gave, in its own words (often English).
        raise SignInProblem(gettext(
            "Commons did not accept your Canvas sign-in. Open Commons once from Canvas, accept its terms, "
            "then try again. Commons said: “%(reason)s”") % {"reason": exc.message}) from exc


def _try_again(exc: CanvasUnavailable) -> str:
    """What went wrong at Canvas (our words, not Canvas'), and what to do."""
    # Translators: %(problem)s is a whole sentence saying what went wrong ("Canvas took too long to answer.").
    return gettext("%(problem)s Try again in a moment.") % {"problem": exc.message}
