"""The sandbox's HTTP API: a WSGI app following ../shared/lor-api.openapi.yaml.

Besides the contract it serves what production would have around it:
resource pages, thumbnails and Canvas-like profile pages, plus controls under ``/sandbox/`` for
tests and the demo, none of them in the contract: health, reset, the demo's sessions, the log of
actions taken, Canvas' settings (here and in canvas.py: expiring a session, Canvas' language) and the
LTI platform's (lti.py).
"""
from __future__ import annotations

import base64
import html
import json
import re
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable
from urllib.parse import parse_qs

from . import canvas, jwt, lti, words
from .responses import STATUS_TEXT, HTTPError, Response, html_response, json_response
from .seed import CANVAS_CLIENT_ID, CANVAS_CLIENT_SECRET, DEMO_SESSIONS, NEVER_LAUNCHED, TERM, courses_of
from .store import Store

Handler = Callable[["Request"], "Response"]


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes
    base_url: str
    args: tuple[str, ...] = ()
    user: object = None

    def json(self) -> object:
        try:
            return json.loads(self.body or b"null")
        except ValueError:
            raise HTTPError(400, "Body is not valid JSON.") from None


def iso(ms: int | None) -> str | None:
    if ms is None:
        return None
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class SandboxApp:
    def __init__(self, store: Store, page_size: int = 10):
        self.store = store
        self.page_size = page_size
        self.canvas_locales: dict[str, str] = {}  # user id → the language set in their Canvas profile
        self.routes: list[tuple[str, re.Pattern, Handler, bool]] = []
        seg = r"([^/]+)"
        self.route("POST", r"/api/sessions", self.create_session, auth=False)
        self.route("GET", r"/api/sessions/logout", self.logout)
        self.route("GET", rf"/api/sessions/{seg}", self.get_session)
        self.route("GET", r"/api/resources", self.list_resources)
        self.route("GET", rf"/api/resources/{seg}", self.get_resource)
        self.route("GET", r"/api/courses", self.list_courses)
        self.route("POST", rf"/api/resources/{seg}/import", self.import_resource)
        self.route("GET", r"/api/users", self.search_users)
        self.route("GET", rf"/api/users/{seg}/imports", self.list_imports_deprecated)
        self.route("GET", rf"/api/users/{seg}/updates", self.list_updates)
        self.route("GET", rf"/api/users/{seg}/updates/{seg}", self.get_update)
        self.route("POST", rf"/api/users/{seg}/updates/{seg}/ignore", self.ignore_update)
        self.route("GET", rf"/api/users/{seg}/favorites", self.list_favorites)
        self.route("POST", rf"/api/users/{seg}/favorites", self.add_favorite)
        self.route("DELETE", rf"/api/users/{seg}/favorites/{seg}", self.remove_favorite)
        self.route("GET", rf"/api/users/{seg}/profile", self.profile)
        self.route("GET", rf"/resources/{seg}", self.resource_page, auth=False)
        self.route("GET", rf"/thumbnails/{seg}\.svg", self.thumbnail, auth=False)
        self.route("GET", rf"/canvas/users/{seg}", self.canvas_profile_page, auth=False)
        self.route("GET", r"/sandbox/health", lambda req: json_response({"ok": True}), auth=False)
        self.route("POST", r"/sandbox/reset", self.reset, auth=False)
        self.route("GET", r"/sandbox/demo-sessions", self.demo_sessions, auth=False)
        self.route("GET", r"/sandbox/canvas-config", lambda req: json_response(
            {"clientId": CANVAS_CLIENT_ID, "clientSecret": CANVAS_CLIENT_SECRET}), auth=False)
        canvas.routes(self)
        lti.routes(self)
        self.route("GET", r"/sandbox/actions", lambda req: json_response({"items": self.store.actions()}), auth=False)

    def route(self, method: str, pattern: str, handler: Handler, auth: bool = True) -> None:
        self.routes.append((method, re.compile(pattern + r"/?"), handler, auth))

    # -- WSGI -------------------------------------------------------------

    def __call__(self, environ, start_response):
        response = self.handle(_request_from(environ))
        reason = STATUS_TEXT.get(response.status, "Unknown")
        headers = response.headers + [("Content-Length", str(len(response.body)))]
        start_response(f"{response.status} {reason}", headers)
        return [response.body]

    def handle(self, req: Request) -> Response:
        try:
            allowed = False
            for method, pattern, handler, auth in self.routes:
                match = pattern.fullmatch(req.path)
                if not match:
                    continue
                allowed = True
                if method != req.method:
                    continue
                req.args = match.groups()
                if auth:
                    req.user = self._authenticate(req)
                return handler(req)
            raise HTTPError(405 if allowed else 404, "Method not allowed." if allowed else "No such route.")
        except HTTPError as exc:
            if exc.status == 204:
                return Response(204)
            return json_response({"message": exc.message}, exc.status)

    def _authenticate(self, req: Request):
        sid = req.headers.get("x-session-id", "")
        user = self.store.session_user(sid) if sid else None
        if user is None:
            raise HTTPError(401, "Session id missing, unknown or expired.")
        return user

    def _own_user(self, req: Request, user_id: str) -> None:
        if user_id != req.user["id"]:
            raise HTTPError(403, "You may only see your own data.")

    # -- paging and documents ----------------------------------------------

    def _page(self, req: Request, items: list, size: int | None = None, count: bool = False) -> dict:
        size = size or self.page_size
        offset = _decode_cursor(req.query.get("cursor"))
        chunk = items[offset:offset + size]
        more = offset + size < len(items)
        meta: dict = {"cursor": _encode_cursor(offset + size) if more else None}
        if count:
            meta["count"] = len(items)
        return {"items": chunk, "meta": meta}

    def _resource(self, req: Request, doc: dict, dates: str = "ms", versions: bool = False) -> dict:
        stamp = iso if dates == "iso" else (lambda ms: ms)
        history = self.store.versions(doc["id"])
        latest = history[0]
        data = {
            "id": doc["id"], "title": doc["title"], "description": doc["description"],
            "account": {"id": "acct-mvsd", "name": "Maple Valley School District"},
            "scopeIds": ["acct-mvsd"], "type": doc["type"], "lang": doc["lang"],
            "createDate": stamp(doc["create_date"]), "createUserId": doc["create_user_id"],
            "updateDate": stamp(latest["create_date"]), "updateUserId": doc["create_user_id"],
            "authors": [dict(a, avatarUrl=None) for a in doc["authors"]],
            "tags": doc["tags"],
            "thumbnail": (
                {"url": f"{req.base_url}/thumbnails/{doc['id']}.svg", "description": f"Cover of {doc['title']}"}
                if doc["has_thumbnail"] else None
            ),
            "gradeIds": [], "licenseIds": doc["licenseIds"], "subjectIds": [doc["subject"]],
            "favoritedCount": str(doc["favoritedCount"]) if dates == "iso" else doc["favoritedCount"],
            "meta": {"links": {"self": f"{req.base_url}/resources/{doc['id']}"},
                     "permissions": {"read": True, "write": False}},
            "available": True,
        }
        if versions:
            data["versions"] = [
                {"id": v["id"], "resourceId": doc["id"], "exportStatus": "completed", "resourceType": doc["type"],
                 "versionNotes": v["notes"], "createDate": stamp(v["create_date"]),
                 "updateDate": stamp(v["create_date"]), "createUserId": doc["create_user_id"]}
                for v in history
            ]
        return data

    def _update(self, req: Request, resource_id: str, copies: list) -> dict:
        doc = self.store.resource(resource_id)
        latest = copies[0]
        notes = self.store.versions(resource_id)[0]["notes"]
        return {
            "updateDate": latest["latest_date"], "createDate": doc["create_date"],
            "lastUpdateDate": latest["latest_date"], "versionId": latest["latest_id"], "versionNotes": notes,
            "courses": [
                {"versionCreateDate": c["version_create_date"], "importDate": c["import_date"],
                 "courseId": c["course_id"], "courseName": c["course_name"]}
                for c in copies
            ],
            "resource": self._resource(req, doc, versions=True),
        }

    def _known_resource(self, resource_id: str) -> dict:
        doc = self.store.resource(resource_id)
        if doc is None:
            raise HTTPError(404, "No such resource.")
        return doc

    # -- sessions -----------------------------------------------------------

    def create_session(self, req: Request) -> Response:
        body = req.json()
        token = body.get("jwt_token") if isinstance(body, dict) else None
        if not isinstance(token, str) or not token:
            raise HTTPError(400, "jwt_token is required.")
        user_id = jwt.verify(token)
        if user_id is None or self.store.user(user_id) is None:
            raise HTTPError(401, "The JWT is not valid.")
        if user_id in NEVER_LAUNCHED:
            raise HTTPError(400, "User has not launched Commons from Canvas or has not accepted the terms of use.")
        self.store.log_action(user_id, "session", "", [])  # so tests can count renewals
        return json_response({"sessionId": self.store.create_session(user_id)}, 201)

    def get_session(self, req: Request) -> Response:
        if req.args[0] != req.headers.get("x-session-id"):
            raise HTTPError(403, "You may only read your own session.")
        user = req.user
        return json_response({
            "sid": req.args[0], "expires": iso(_in_a_day()), "userId": user["id"], "userFullName": user["full_name"],
            "userAvatarUrl": None, "accountId": user["account_id"], "accountName": "Maple Valley School District",
            "canvasUserId": user["canvas_user_id"], "canvasApiDomain": "canvas.maplevalley.example",
            "locale": "en", "prefersHighContrast": False,
            "roles": ["admin", "teacher"] if user["is_admin"] else ["teacher"],
            "isAdmin": bool(user["is_admin"]), "isAccountCurator": bool(user["is_admin"]),
            "canSharePublic": True, "canShowPublic": True,
        })

    def logout(self, req: Request) -> Response:
        self.store.end_session(req.headers["x-session-id"])
        return Response(204)

    # -- resources and imports ----------------------------------------------

    def list_resources(self, req: Request) -> Response:
        size = _positive_int(req.query.get("size"), self.page_size)
        if req.query.get("onlyImported") == "true":
            docs = self.store.imported(req.user["id"])
        else:
            types = {t for t in req.query.get("types", "").split(",") if t}
            docs = self.store.search(req.query.get("q", ""), types)
        page = self._page(req, docs, size=size, count=True)
        page["items"] = [self._resource(req, d) for d in page["items"]]
        return json_response(page)

    def get_resource(self, req: Request) -> Response:
        return json_response(self._resource(req, self._known_resource(req.args[0]), versions=True))

    def list_courses(self, req: Request) -> Response:
        """Canvas' course objects, as Commons passes them on: ids are numbers."""
        return json_response([
            {"id": int(course_id), "name": name, "course_code": code, "workflow_state": "available",
             "term": {"name": TERM}, "enrollments": [{"type": "teacher"}]}
            for course_id, name, code in courses_of(req.user["id"])
        ])

    def list_imports_deprecated(self, req: Request) -> Response:
        self._own_user(req, req.args[0])
        page = self._page(req, self.store.imported(req.user["id"]))
        page["items"] = [self._resource(req, d) for d in page["items"]]
        return json_response(page)

    def import_resource(self, req: Request) -> Response:
        self._known_resource(req.args[0])
        body = req.json()
        courses = body.get("courses") if isinstance(body, dict) else None
        if not isinstance(courses, list) or not courses or not all(
            isinstance(c, dict) and isinstance(c.get("id"), (str, int)) and str(c.get("id")) for c in courses
        ):
            raise HTTPError(400, "courses must be a non-empty list of {id, name}.")
        latest = self.store.versions(req.args[0])[0]
        pairs = [(str(c["id"]), str(c.get("name") or f"Course {c['id']}")) for c in courses]
        self.store.import_into(req.user["id"], req.args[0], pairs, latest["create_date"])
        return json_response({"status": "started", "courses": len(pairs)}, 201)

    # -- updates ------------------------------------------------------------

    def list_updates(self, req: Request) -> Response:
        self._own_user(req, req.args[0])
        stale = self.store.stale_copies(req.user["id"])
        page = self._page(req, list(stale.items()), count=True)
        page["items"] = [self._update(req, rid, copies) for rid, copies in page["items"]]
        return json_response(page)

    def get_update(self, req: Request) -> Response:
        self._own_user(req, req.args[0])
        copies = self.store.stale_copies(req.user["id"], req.args[1]).get(req.args[1])
        if not copies:
            raise HTTPError(404, "No update for this resource.")
        return json_response(self._update(req, req.args[1], copies))

    def ignore_update(self, req: Request) -> Response:
        self._own_user(req, req.args[0])
        body = req.json()
        course_ids = body.get("courseIds") if isinstance(body, dict) else None
        if not isinstance(course_ids, list) or not course_ids or not all(isinstance(c, str) and c for c in course_ids):
            raise HTTPError(400, "courseIds must be a non-empty list of strings.")
        copies = self.store.stale_copies(req.user["id"], req.args[1]).get(req.args[1])
        if not copies:
            raise HTTPError(404, "No update for this resource.")
        unknown = set(course_ids) - {c["course_id"] for c in copies}
        if unknown:
            raise HTTPError(400, f"Not courses of this update: {', '.join(sorted(unknown))}.")
        self.store.ignore(req.user["id"], req.args[1], course_ids, copies[0]["latest_id"])
        return Response(204)

    # -- favorites ----------------------------------------------------------

    def list_favorites(self, req: Request) -> Response:
        self._own_user(req, req.args[0])
        items = [self._resource(req, doc, dates="iso") for doc, _ in self.store.favorites(req.user["id"])]
        return json_response({"items": items})

    def add_favorite(self, req: Request) -> Response:
        self._own_user(req, req.args[0])
        body = req.json()
        resource_id = body.get("resourceId") if isinstance(body, dict) else None
        if not isinstance(resource_id, str) or not resource_id:
            raise HTTPError(400, "resourceId is required.")
        self._known_resource(resource_id)
        self.store.log_action(req.user["id"], "favorite", resource_id, [])
        created = self.store.add_favorite(req.user["id"], resource_id)
        return json_response(
            {"items": [{"userId": req.user["id"], "learningObjectId": resource_id, "createDate": iso(created)}]}
        )

    def remove_favorite(self, req: Request) -> Response:
        self._own_user(req, req.args[0])
        self.store.log_action(req.user["id"], "unfavorite", req.args[1], [])
        if not self.store.remove_favorite(req.user["id"], req.args[1]):
            raise HTTPError(404, "Not a favorite.")
        return Response(204)

    # -- people ---------------------------------------------------------------

    def profile(self, req: Request) -> Response:
        user = self.store.user(req.args[0])
        if user is None:
            raise HTTPError(404, "No such user.")
        if not user["canvas_user_id"]:
            return Response(204)
        return Response(302, headers=[("Location", f"{req.base_url}/canvas/users/{user['canvas_user_id']}")])

    def search_users(self, req: Request) -> Response:
        if not req.user["is_admin"]:
            raise HTTPError(403, "Only admins and group managers may search users.")
        q = req.query.get("q", "").strip()
        users = self.store.search_users(req.user["account_id"], q) if len(q) >= 3 else []
        page = self._page(req, users, count=True)
        page["items"] = [
            {"uuid": u["id"], "fullName": u["full_name"], "email": u["email"], "accountId": u["account_id"]}
            for u in page["items"]
        ]
        return json_response(page)

    # -- pages around the API ---------------------------------------------------

    def resource_page(self, req: Request) -> Response:
        doc = self.store.resource(req.args[0])
        lang = words.language(req.headers.get("accept-language", ""))
        _ = words.translation(lang).gettext
        if doc is None:
            return html_response(_("Not found"), "<h1>" + _("No such resource") + "</h1>", 404, lang)
        return html_response(
            doc["title"], f"<h1>{html.escape(doc['title'])}</h1><p>" + _("Sandbox copy of a Commons resource page.") + "</p>",
            lang=lang,
        )

    def thumbnail(self, req: Request) -> Response:
        doc = self.store.resource(req.args[0])
        hue = sum(map(ord, req.args[0])) % 360
        letter = html.escape((doc["type"] if doc else "?")[:1].upper())
        svg = (
            "<svg xmlns='http://www.w3.org/2000/svg' width='160' height='90' viewBox='0 0 160 90'>"
            f"<rect width='160' height='90' fill='hsl({hue},45%,55%)'/>"
            f"<text x='80' y='60' font-size='44' text-anchor='middle' fill='white' font-family='sans-serif'>{letter}</text>"
            "</svg>"
        )
        return Response(200, svg.encode(), [("Content-Type", "image/svg+xml"), ("Cache-Control", "max-age=86400")])

    def canvas_profile_page(self, req: Request) -> Response:
        lang = words.language(req.headers.get("accept-language", ""))
        _ = words.translation(lang).gettext
        return html_response(_("Canvas profile"), "<h1>" + _("Canvas profile %(id)s") % {"id": html.escape(req.args[0])} + "</h1>",
                             lang=lang)

    def demo_sessions(self, req: Request) -> Response:
        return json_response({"items": [
            {"sessionId": sid, "fullName": name, "isAdmin": admin} for sid, (_, name, admin) in DEMO_SESSIONS.items()
        ]})

    def reset(self, req: Request) -> Response:
        self.store.reset()
        self.canvas_locales.clear()
        return Response(204)


def _request_from(environ) -> Request:
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    query = {k: v[-1] for k, v in parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True).items()}
    headers = {k[5:].replace("_", "-").lower(): v for k, v in environ.items() if k.startswith("HTTP_")}
    host = environ.get("HTTP_HOST") or f"{environ['SERVER_NAME']}:{environ['SERVER_PORT']}"
    path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "replace")
    return Request(environ["REQUEST_METHOD"], path, query, headers, body, f"http://{host}")


def _encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode().rstrip("=")


def _decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, _, value = text.partition(":")
        if kind == "offset" and value.isdigit():
            return int(value)
    except (ValueError, UnicodeDecodeError):
        pass
    raise HTTPError(400, "Bad cursor.")


def _positive_int(value: str | None, default: int) -> int:
    return int(value) if value and value.isdigit() and 0 < int(value) <= 100 else default


def _in_a_day() -> int:
    return int(time.time() * 1000) + 86_400_000
