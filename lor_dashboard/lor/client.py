"""LORClient: the one door to the Commons (LOR) API.

One urllib3 connection pool per process (requests' own transport, without requests' per-call
work: ~0.2 ms a call, bench/README.md); every call goes through
``_request()``, which validates and quotes path ids, always passes a timeout,
never follows redirects, keeps no cookies, retries only GETs, maps status
codes to typed errors and logs method, route and status (never the session
id: routes are logged as templates, so ``/api/sessions/{id}`` stays a
template in the log).
"""
from __future__ import annotations

import json as jsonlib
import logging
import time
from typing import Any, Callable, Iterable
from urllib.parse import urlencode

import urllib3
from django.utils.translation import gettext
from urllib3.exceptions import ConnectTimeoutError, HTTPError, ProtocolError, ReadTimeoutError, SSLError

from . import metrics, timing
from .breaker import CircuitBreaker
from .errors import (
    LORAuthError,
    LORBadRequest,
    LORForbidden,
    LORNotFound,
    LORRateLimited,
    LORUnavailable,
)
from .http import Reply, exchange, pool
from .ids import is_valid_id, quote_id
from .paging import Page
from .records import Course, Credentials, Resource, Session, Update, UserHit, web_url

log = logging.getLogger("lor_dashboard.lor")

RETRY_STATUSES = frozenset({502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MIN_SEARCH_LENGTH = 3
MAX_QUERY = 200  # search text longer than this is cut: no one types more, and it goes into a URL
# The resource types the contract names; the only values ``types`` may carry upstream.
RESOURCE_TYPES = ("course", "module", "assignment", "quiz", "discussion_topic", "page", "document", "video", "audio",
                  "image")


HEADERS = {"Accept": "application/json", "Accept-Encoding": "gzip, deflate", "User-Agent": "lor-dashboard"}


class LORClient:
    def __init__(
        self,
        base_url: str,
        *,
        connect_timeout: float = 3.05,
        read_timeout: float = 10.0,
        pool_size: int = 16,
        get_retries: int = 2,
        backoff: float = 0.1,
        max_retry_after: float = 1.0,
        breaker: CircuitBreaker | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.base_url = base_url.rstrip("/")
        self.timeout = urllib3.Timeout(connect=connect_timeout, read=read_timeout)
        self.get_retries = get_retries
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self.breaker = breaker or CircuitBreaker()
        self.http = pool(pool_size)
        self._sleep = sleep  # the wait between retries; a test passes its own to record it

    # -- the door ---------------------------------------------------------

    def _request(
        self,
        method: str,
        route: str,
        *,
        creds: Credentials | None = None,
        ids: dict[str, str] | None = None,
        params: dict[str, Any] | None = None,
        json: Any = None,
        redirect_ok: bool = False,
    ) -> Reply:
        """Send one call; return the answer or raise a ``LORError``.

        ``route`` is a template such as ``/api/users/{userId}/favorites``;
        ``ids`` fills it after validation and quoting.
        """
        path = route.format(**{name: quote_id(value) for name, value in (ids or {}).items()})
        session_id = creds.current_session_id if creds is not None else None
        try:
            return self._call(method, route, path, session_id, params, json, redirect_ok)
        except LORAuthError:
            # Renew once and repeat this one call: a 401 means Commons did nothing, so sending it
            # again cannot do anything twice, and what the view did around it is not repeated.
            fresh = creds.renewal.after_401(session_id) if creds is not None and creds.renewal and session_id else None
            if not fresh:
                raise
            return self._call(method, route, path, fresh, params, json, redirect_ok)

    def _call(self, method, route, path, session_id: str | None, params, json, redirect_ok: bool) -> Reply:
        if not self.breaker.allow():
            self._log(method, route, "circuit-open", time.monotonic())
            raise LORUnavailable(
                gettext("Commons is not answering, so the dashboard paused asking it for a few seconds."))
        try:
            response = self._send(method, route, path, session_id, params, json)
        except LORUnavailable:
            self.breaker.failed()
            raise
        self.breaker.succeeded()  # any HTTP answer, even a 4xx, shows the upstream is alive
        self._raise_for_status(response, redirect_ok=redirect_ok)
        return response

    def _send(self, method, route, path, session_id: str | None, params, json) -> Reply:
        """The HTTP exchange with GET retries; 5xx and network failures end as LORUnavailable."""
        headers = dict(HEADERS)
        if session_id is not None:  # who is calling: per call, never on the shared pool
            headers["X-Session-ID"] = session_id
        body = None
        if json is not None:
            body = jsonlib.dumps(json).encode()
            headers["Content-Type"] = "application/json"
        url = self.base_url + path + (f"?{urlencode(params)}" if params else "")
        attempts = 1 + (self.get_retries if method == "GET" else 0)
        for attempt in range(1, attempts + 1):
            started = time.monotonic()
            try:
                reply = self._exchange(method, url, headers, body, deadline=started + self.timeout.read_timeout)
            except (ReadTimeoutError, TimeoutError) as exc:  # read timeout: retrying would only wait longer
                self._log(method, route, "timeout", started)
                raise LORUnavailable(gettext("Commons took too long to answer.")) from exc
            except (ConnectTimeoutError, ProtocolError, SSLError, OSError) as exc:  # refused, reset, DNS, TLS, connect timeout
                self._log(method, route, "connection-error", started)
                if attempt < attempts:
                    self._sleep(self.backoff * attempt)
                    continue
                raise LORUnavailable(gettext("Commons could not be reached.")) from exc
            except HTTPError as exc:
                self._log(method, route, "error", started)
                raise LORUnavailable(gettext("Commons answered in a way we could not read.")) from exc
            self._log(method, route, reply.status_code, started)
            if reply.status_code in RETRY_STATUSES and attempt < attempts:
                self._sleep(self._retry_delay(reply, attempt))
                continue
            if reply.status_code >= 500:
                raise LORUnavailable(gettext("Commons is having trouble right now."), status=reply.status_code)
            return reply
        raise AssertionError("unreachable")  # the loop always returns or raises

    def _exchange(self, method: str, url: str, headers: dict, body: bytes | None, deadline: float) -> Reply:
        return exchange(self.http, method, url, headers=headers, body=body, timeout=self.timeout, deadline=deadline)

    def _retry_delay(self, response: Reply, attempt: int) -> float:
        retry_after = _retry_after_seconds(response)
        if retry_after is not None:
            return min(retry_after, self.max_retry_after)
        return self.backoff * attempt

    def _raise_for_status(self, response: Reply, *, redirect_ok: bool) -> None:
        status = response.status_code
        if 200 <= status < 300 or (redirect_ok and status in REDIRECT_STATUSES):
            return
        message = _error_message(response)
        if status == 400:
            raise LORBadRequest(message or gettext("Commons refused the request."), status=400)
        if status == 401:
            raise LORAuthError(message or gettext("Your Commons session has expired."))
        if status == 403:
            raise LORForbidden(message or gettext("Commons does not allow this."))
        if status == 404:
            raise LORNotFound(message or gettext("Not found in Commons."))
        if status == 429:
            raise LORRateLimited(
                gettext("Commons is receiving too many requests."), retry_after=_retry_after_seconds(response)
            )
        if 300 <= status < 400:
            raise LORUnavailable(gettext("Commons answered with an unexpected redirect."), status=status)
        if 400 <= status < 500:
            raise LORBadRequest(message or gettext("Commons refused the request."), status=status)
        raise LORUnavailable(gettext("Commons answered with an unexpected status."), status=status)

    @staticmethod
    def _log(method: str, route: str, status: object, started: float) -> None:
        elapsed = (time.monotonic() - started) * 1000
        timing.record(elapsed)
        metrics.observe_call(method, route, status, elapsed / 1000)
        log.info("LOR %s %s -> %s in %.0f ms", method, route, status, elapsed)

    def _get_json(self, route: str, creds: Credentials | None = None, **kwargs: Any) -> Any:
        return _json(self._request("GET", route, creds=creds, **kwargs))

    # -- sessions ---------------------------------------------------------

    def get_session(self, session_id: str) -> Session:
        """``GET /api/sessions/{id}``: check a session id and learn whose it is."""
        if not is_valid_id(session_id):
            raise LORAuthError("That session id is not valid.")
        data = self._get_json("/api/sessions/{id}", Credentials(session_id=session_id, user_id=""), ids={"id": session_id})
        session = Session.from_json(data)
        if not is_valid_id(session.user_id):
            raise LORUnavailable(gettext("Commons answered without a user id."))
        return session

    def create_session(self, jwt_token: str) -> str:
        """``POST /api/sessions``: a Commons session id from a Canvas LTI JWT."""
        data = _json(self._request("POST", "/api/sessions", json={"jwt_token": jwt_token}))
        session_id = data.get("sessionId") if isinstance(data, dict) else None
        if not is_valid_id(session_id):
            raise LORUnavailable(gettext("Commons did not return a session id."))
        return session_id

    def logout(self, creds: Credentials) -> None:
        """``GET /api/sessions/logout``: end the Commons session."""
        self._request("GET", "/api/sessions/logout", creds=creds)

    # -- favorites --------------------------------------------------------

    def list_favorites(self, creds: Credentials) -> tuple[Resource, ...]:
        """``GET /api/users/{userId}/favorites``: the whole list (not paged)."""
        data = self._get_json("/api/users/{userId}/favorites", creds, ids={"userId": creds.user_id})
        return tuple(Resource.from_json(item) for item in _items(data))

    def count_favorites(self, creds: Credentials) -> int:
        """``GET /api/users/{userId}/favorites``, counted without building a record per item
        (the overview needs only the number; a teacher may have hundreds)."""
        return len(_items(self._get_json("/api/users/{userId}/favorites", creds, ids={"userId": creds.user_id})))

    def add_favorite(self, creds: Credentials, resource_id: str) -> None:
        """``POST /api/users/{userId}/favorites`` with ``{"resourceId": ...}``."""
        quote_id(resource_id)  # validate before it goes into a body
        self._request(
            "POST",
            "/api/users/{userId}/favorites",
            creds=creds,
            ids={"userId": creds.user_id},
            json={"resourceId": resource_id},
        )

    def remove_favorite(self, creds: Credentials, resource_id: str) -> None:
        """``DELETE /api/users/{userId}/favorites/{resourceId}``."""
        self._request(
            "DELETE",
            "/api/users/{userId}/favorites/{resourceId}",
            creds=creds,
            ids={"userId": creds.user_id, "resourceId": resource_id},
        )

    # -- imports ----------------------------------------------------------

    def search_resources(
        self, creds: Credentials, q: str = "", types: Iterable[str] = (), cursor: str | None = None, size: int = 24,
    ) -> Page[Resource]:
        """``GET /api/resources?q=&types=&size=&cursor=``: by relevance with ``q``, else newest first.
        ``types`` must come from ``RESOURCE_TYPES``; others are dropped, not sent."""
        params: dict[str, Any] = {"size": max(1, min(size, 100))}
        if q.strip():
            params["q"] = q.strip()[:MAX_QUERY]
        chosen = [t for t in dict.fromkeys(types) if t in RESOURCE_TYPES]
        if chosen:
            params["types"] = ",".join(chosen)
        data = self._get_json("/api/resources", creds, params=_with_cursor(params, cursor))
        return Page.build([Resource.from_json(i) for i in _items(data)], _meta(data), cursor)

    def get_resource(self, creds: Credentials, resource_id: str) -> Resource:
        """``GET /api/resources/{resourceId}``: one resource with its versions, newest first."""
        resource = Resource.from_json(self._get_json("/api/resources/{resourceId}", creds, ids={"resourceId": resource_id}))
        if resource.id != resource_id:  # an answer about no resource, or another one, is not this one
            raise LORNotFound("Commons did not answer with this resource.")
        return resource

    def list_courses(self, creds: Credentials) -> tuple[Course, ...]:
        """``GET /api/courses``: the Canvas courses the user may import into (a bare array)."""
        data = self._get_json("/api/courses", creds)
        courses = (Course.from_json(c) for c in (data if isinstance(data, list) else []) if isinstance(c, dict))
        return tuple(c for c in courses if c.has_valid_id)

    def list_imports(self, creds: Credentials, cursor: str | None = None, size: int | None = None) -> Page[Resource]:
        """``GET /api/resources?onlyImported=true[&size=]``, falling back to the
        deprecated ``GET /api/users/{userId}/imports`` when that answers 400 or 404."""
        params: dict[str, Any] = {"onlyImported": "true"}
        if size is not None:
            params["size"] = max(1, min(size, 100))
        params = _with_cursor(params, cursor)
        try:
            data = self._get_json("/api/resources", creds, params=params)
        except (LORBadRequest, LORNotFound) as exc:
            if exc.status not in (400, 404):
                raise
            data = self._get_json(
                "/api/users/{userId}/imports", creds, ids={"userId": creds.user_id}, params=_with_cursor({}, cursor)
            )
        return Page.build([Resource.from_json(i) for i in _items(data)], _meta(data), cursor)

    # -- updates ----------------------------------------------------------

    def list_updates(self, creds: Credentials, cursor: str | None = None) -> Page[Update]:
        """``GET /api/users/{userId}/updates``: one page; ``count`` is the total."""
        data = self._get_json(
            "/api/users/{userId}/updates", creds, ids={"userId": creds.user_id}, params=_with_cursor({}, cursor)
        )
        return Page.build([Update.from_json(i) for i in _items(data)], _meta(data), cursor)

    def get_update(self, creds: Credentials, resource_id: str) -> Update:
        """``GET /api/users/{userId}/updates/{resourceId}``."""
        data = self._get_json(
            "/api/users/{userId}/updates/{resourceId}",
            creds,
            ids={"userId": creds.user_id, "resourceId": resource_id},
        )
        return Update.from_json(data)

    def ignore_update(self, creds: Credentials, resource_id: str, *, course_ids: Iterable[str]) -> None:
        """``POST /api/users/{userId}/updates/{resourceId}/ignore`` with ``{"courseIds": [...]}``."""
        course_ids = [str(c) for c in course_ids]
        if not course_ids or not all(is_valid_id(c) for c in course_ids):
            raise LORBadRequest(gettext("Choose at least one course."))
        self._request(
            "POST",
            "/api/users/{userId}/updates/{resourceId}/ignore",
            creds=creds,
            ids={"userId": creds.user_id, "resourceId": resource_id},
            json={"courseIds": course_ids},
        )

    def import_resource(self, creds: Credentials, resource_id: str, *, courses: Iterable[tuple[str, str]]) -> None:
        """``POST /api/resources/{resourceId}/import``: the latest version into ``(id, name)`` courses."""
        body = [{"id": str(cid), "name": name} for cid, name in courses]
        if not body or not all(is_valid_id(c["id"]) for c in body):
            raise LORBadRequest(gettext("Choose at least one course."))
        self._request(
            "POST",
            "/api/resources/{resourceId}/import",
            creds=creds,
            ids={"resourceId": resource_id},
            json={"courses": body},
        )

    # -- people -----------------------------------------------------------

    def get_profile_url(self, creds: Credentials, user_id: str) -> str | None:
        """``GET /api/users/{userId}/profile``: the Canvas profile URL, or None (204).

        Accepts a 302/303/307 ``Location``, a 200 JSON ``{"url"}`` or a 200
        text/plain URL. Anything but an absolute http(s) URL counts as none.
        """
        response = self._request(
            "GET",
            "/api/users/{userId}/profile",
            creds=creds,
            ids={"userId": user_id},
            redirect_ok=True,
        )
        if response.status_code in REDIRECT_STATUSES:
            url = response.headers.get("Location", "")
        elif response.status_code == 204 or not response.content:
            url = ""
        elif "json" in response.headers.get("Content-Type", ""):
            data = _json(response)
            url = data.get("url") if isinstance(data, dict) else ""
        else:
            url = response.text.strip()
        return web_url(url) or None

    def search_users(self, creds: Credentials, q: str, cursor: str | None = None) -> Page[UserHit]:
        """``GET /api/users?q=``: account users by name or e-mail (admins and group managers).

        Below three characters the upstream returns nothing, so we do not ask.
        """
        q = q.strip()
        if len(q) < MIN_SEARCH_LENGTH:
            return Page(items=(), next_cursor=None, count=0)
        data = self._get_json("/api/users", creds, params=_with_cursor({"q": q}, cursor))
        return Page.build([UserHit.from_json(i) for i in _items(data)], _meta(data), cursor)


# -- helpers --------------------------------------------------------------


def _json(response: Reply) -> Any:
    if response.status_code == 204 or not response.content:
        return None
    try:
        return response.json()
    except ValueError as exc:
        raise LORUnavailable(gettext("Commons sent an answer we could not read.")) from exc


def _items(data: Any) -> list:
    items = data.get("items") if isinstance(data, dict) else None
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def _meta(data: Any) -> Any:
    return data.get("meta") if isinstance(data, dict) else None


def _with_cursor(params: dict[str, Any], cursor: str | None) -> dict[str, Any]:
    if cursor:
        params["cursor"] = cursor
    return params


def _retry_after_seconds(response: Reply) -> float | None:
    value = response.headers.get("Retry-After", "").strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _error_message(response: Reply) -> str:
    """The upstream's reason: ``message``, ``errors[].message``, ``error``, then plain text."""
    try:
        data = response.json()
    except ValueError:
        data = None
    if isinstance(data, dict):
        candidates = [data.get("message")]
        errors, error = data.get("errors"), data.get("error")
        if isinstance(errors, list):
            candidates += [e.get("message") for e in errors if isinstance(e, dict)]
        candidates.append(error.get("message") if isinstance(error, dict) else error)
        for candidate in candidates:
            if isinstance(candidate, str) and candidate.strip():
                return candidate.strip()[:300]
        return ""
    if data is None and "html" not in response.headers.get("Content-Type", ""):
        return response.text.strip()[:300]
    return ""


def resource_page_url(base_url: str, resource_id: str) -> str:
    """Where a resource lives in Commons, for people (not the API)."""
    return f"{base_url.rstrip('/')}/resources/{quote_id(resource_id)}"
