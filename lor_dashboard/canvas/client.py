"""The Canvas side of signing in: OAuth2 endpoints and the LTI JWT for Commons.

Like LORClient, on the same transport (``lor/http.py``): one urllib3 pool per process shared by
every CanvasClient, a timeout and a deadline on every call, no redirects followed, no cookies
kept, every answer (any status, any body: JSON of any shape, HTML, nothing) mapped to a typed
error in one place, tokens never logged.
"""
from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

import urllib3
from django.utils.translation import gettext
from urllib3.exceptions import HTTPError, ReadTimeoutError

from lor_dashboard.lor.http import Reply, exchange, pool

log = logging.getLogger("lor_dashboard.canvas")
# One pool for the process: sign-ins and renewals reuse connections; a few Canvas hosts at most
# (the configured one, and those CANVAS_TOKEN_HOSTS allows for the token path).
_HTTP = pool(maxsize=8, num_pools=8)
MAX_EXPIRES = 366 * 24 * 3600  # an access token's lifetime we believe; else Canvas' usual hour


class CanvasError(Exception):
    def __init__(self, message: str = ""):
        super().__init__(message)
        self.message = message


class CanvasUnavailable(CanvasError):
    """Canvas could not be reached, timed out, or failed (5xx, unreadable answer). ``message`` is
    ours, in the request's language: a sign-in shows it."""


class CanvasAuthError(CanvasError):
    """401: the token is bad, expired or revoked."""


class CanvasRefused(CanvasError):
    """400/403: Canvas refused (a bad grant, a scope the developer key lacks, the JWT endpoint)."""


@dataclass(frozen=True)
class CanvasTokens:
    access_token: str = field(repr=False)
    refresh_token: str = field(default="", repr=False)
    expires_in: int = 3600
    user_id: str = ""  # the token's Canvas user (``user.id``): an LTI launch must name the same one


class CanvasClient:
    def __init__(self, base_url: str, *, timeout: tuple[float, float] = (3.05, 10.0)):
        self.base_url = base_url.rstrip("/")
        self.timeout = urllib3.Timeout(connect=timeout[0], read=timeout[1])

    def authorize_url(self, client_id: str, redirect_uri: str, state: str, scope: str = "") -> str:
        """Where the browser goes to approve (``GET /login/oauth2/auth``)."""
        params = {"client_id": client_id, "response_type": "code", "redirect_uri": redirect_uri, "state": state}
        if scope:
            params["scope"] = scope
        return f"{self.base_url}/login/oauth2/auth?{urlencode(params)}"

    def exchange_code(self, client_id: str, client_secret: str, redirect_uri: str, code: str) -> CanvasTokens:
        """``POST /login/oauth2/token`` with ``grant_type=authorization_code``."""
        return self._tokens({"grant_type": "authorization_code", "client_id": client_id,
                             "client_secret": client_secret, "redirect_uri": redirect_uri, "code": code})

    def refresh(self, client_id: str, client_secret: str, refresh_token: str) -> CanvasTokens:
        """``POST /login/oauth2/token`` with ``grant_type=refresh_token`` (the refresh token stays)."""
        tokens = self._tokens({"grant_type": "refresh_token", "client_id": client_id,
                               "client_secret": client_secret, "refresh_token": refresh_token})
        return CanvasTokens(tokens.access_token, refresh_token, tokens.expires_in, tokens.user_id)

    def jwt_token(self, access_token: str, tool_launch_url: str) -> str:
        """``GET /api/lti/accounts/self/jwt_token``: a JWT for the Commons LTI tool."""
        data = self._call("GET", "/api/lti/accounts/self/jwt_token", token=access_token,
                          params={"tool_launch_url": tool_launch_url})
        jwt = data.get("jwt_token") if isinstance(data, dict) else None
        if not isinstance(jwt, str) or not jwt:
            raise CanvasUnavailable(gettext("Canvas did not return a token for Commons."))
        return jwt

    def locale(self, access_token: str) -> str:
        """``GET /api/v1/users/self``: the language the teacher set in Canvas (``locale``, which may be
        null), else the one Canvas uses for them (``effective_locale``); "" when it says neither."""
        data = self._call("GET", "/api/v1/users/self", token=access_token)
        for key in ("locale", "effective_locale"):
            value = data.get(key) if isinstance(data, dict) else None
            if isinstance(value, str) and value.strip():
                return value.strip()[:35]
        return ""

    def revoke(self, access_token: str) -> None:
        """``DELETE /login/oauth2/token``: end the token (errors are the caller's to ignore)."""
        self._call("DELETE", "/login/oauth2/token", token=access_token)

    def _tokens(self, form: dict) -> CanvasTokens:
        data = self._call("POST", "/login/oauth2/token", form=form)
        access = data.get("access_token") if isinstance(data, dict) else None
        if not isinstance(access, str) or not access:
            raise CanvasUnavailable(gettext("Canvas did not return an access token."))
        refresh, expires = data.get("refresh_token"), data.get("expires_in")
        return CanvasTokens(access, refresh if isinstance(refresh, str) else "",
                            expires if type(expires) is int and 0 < expires <= MAX_EXPIRES else 3600,
                            _user_id(data.get("user")))

    def _call(self, method: str, path: str, *, token: str = "", params: dict | None = None,
              form: dict | None = None) -> object:
        headers = {"Accept": "application/json", "User-Agent": "lor-dashboard"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        url = self.base_url + path + (f"?{urlencode(params)}" if params else "")
        started = time.monotonic()
        try:
            reply = exchange(_HTTP, method, url, headers=headers, body=body, timeout=self.timeout,
                             deadline=started + self.timeout.read_timeout)
        except (ReadTimeoutError, TimeoutError) as exc:
            raise CanvasUnavailable(gettext("Canvas took too long to answer.")) from exc
        except (HTTPError, OSError) as exc:  # refused, reset, DNS, TLS, connect timeout
            raise CanvasUnavailable(gettext("Canvas could not be reached.")) from exc
        except ValueError as exc:  # a token no header can carry (a line break in a pasted token)
            raise CanvasAuthError("That is not a Canvas token.") from exc
        finally:
            log.info("Canvas %s %s in %.0f ms", method, path, (time.monotonic() - started) * 1000)
        return _outcome(reply)


def _user_id(user: object) -> str:
    """Canvas' numeric user id as text (Canvas sends a number; a string of digits is fine too)."""
    value = user.get("id") if isinstance(user, dict) else None
    if type(value) is int and value >= 0:
        return str(value)
    return value if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 20 else ""


def _outcome(reply: Reply) -> object:
    """The answer's JSON, or the typed error its status means. Bodies are untrusted: a list, a
    string, an HTML error page or nothing at all is as likely as Canvas' documented shapes."""
    status = reply.status_code
    try:
        data = json.loads(reply.content) if reply.content.strip() else {}
    except ValueError:
        data = None
    if 200 <= status < 300:
        if data is None:
            raise CanvasUnavailable(gettext("Canvas sent an answer we could not read."))
        return data
    message = _message(data)
    if status == 401 and not (isinstance(data, dict) and data.get("error") == "invalid_client"):
        raise CanvasAuthError(message or "Canvas did not accept the token: it is wrong, expired or revoked.")
    if status in (400, 401, 403):
        raise CanvasRefused(message or "Canvas refused the request.")
    raise CanvasUnavailable(gettext("Canvas is having trouble right now."))


def _message(data: object) -> str:
    """Canvas' own words, when it sent them in a shape it documents; else nothing."""
    if not isinstance(data, dict):
        return ""
    errors = data.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        return _text(errors[0].get("message"))
    for name in ("error_description", "message", "error"):
        if text := _text(data.get(name)):
            return text
    return ""


def _text(value: object) -> str:
    return value.strip()[:300] if isinstance(value, str) else ""
