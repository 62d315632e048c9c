"""An upstream that follows the contract's shapes but fills every text and URL field
with hostile or odd data: markup, script URLs, 10 KB strings, RTL and emoji, nulls,
missing and unknown fields."""
from __future__ import annotations

import re

from .stub_server import StubServer, send_json

PWN = "window.__pwned=1"
SCRIPT = f"<script>{PWN}</script>"
IMG = f'<img src=x onerror="{PWN}">'
SVG = f'"><svg onload={PWN}>'
JS_URL = f"javascript:{PWN}"
DATA_URL = "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="
LONG = "W" * 10_240
RTL = "\u202eevil.exe\u202c 🎓📚 مرحبا"

RESOURCES = [
    {"id": "hostile1", "title": SCRIPT + "Title", "description": f"<p>ok</p>{IMG}<a href='{JS_URL}'>click</a>{SCRIPT}" * 30,
     "type": SVG, "thumbnail": {"url": JS_URL, "description": SVG},
     "authors": [{"id": "a1", "name": IMG, "avatarUrl": JS_URL}, {"id": "../x", "name": SCRIPT}],
     "tags": [SCRIPT, "🎓", None, 7], "updateDate": "not a date", "favoritedCount": "lots", "extra": {"nested": [1]}},
    {"id": "hostile2", "title": LONG, "description": None, "type": None, "thumbnail": {"url": DATA_URL},
     "authors": None, "tags": None, "updateDate": None, "createDate": 1751330017315},
    {"id": "hostile3", "title": RTL, "unknownField": True},
    {"id": "../evil", "title": None, "thumbnail": None, "authors": [{"name": None}]},
    {"title": "no id at all", "authors": "not a list", "thumbnail": "not an object"},
]
COURSES = [
    {"courseId": "c1", "courseName": SCRIPT, "importDate": "2025-01-01T00:00:00Z", "versionCreateDate": 1},
    {"courseId": "c2", "courseName": LONG, "importDate": None},
    {"courseId": "c3"},
]
VERSIONS = [{"id": "v2", "versionNotes": IMG, "createDate": 2}, {"id": "v1", "versionNotes": None, "createDate": 1}, {}]


def _update(resource: dict) -> dict:
    return {"versionNotes": SCRIPT + RTL, "lastUpdateDate": "2026-13-45", "courses": COURSES,
            "resource": {**resource, "versions": VERSIONS}, "surprise": None}


USERS = [
    {"uuid": "u1", "fullName": IMG, "email": f'"><script>{PWN}</script>@x.test', "accountId": SCRIPT},
    {"uuid": "u2", "fullName": RTL, "email": f"{JS_URL}@x.test"},
    {"uuid": "../u3", "fullName": None, "email": None},
    {"fullName": LONG},
]
CANVAS_COURSES = [
    {"id": "1", "name": SCRIPT, "course_code": IMG, "term": {"name": RTL}},
    {"id": "2", "name": LONG, "course_code": None, "term": "not an object"},
    {"id": "../3", "name": "bad id"},
    {"name": "no id"},
    "not an object",
]
SESSION = {"userId": "hostile-user", "userFullName": IMG + RTL, "accountName": SCRIPT, "isAdmin": True}


class HostileUpstream(StubServer):
    def __init__(self):
        super().__init__(self.answer)

    def answer(self, handler) -> None:
        status, headers, payload = self.route(handler.command, handler.path.split("?")[0])
        send_json(handler, status, payload, headers)

    def route(self, method: str, path: str):
        if re.fullmatch(r"/api/sessions/[^/]+", path) and not path.endswith("logout"):
            return 200, [], SESSION
        if path.endswith("/profile"):
            return 302, [("Location", JS_URL)], None
        if path.endswith("/favorites") and method == "GET":
            return 200, [], {"items": RESOURCES}
        if method == "GET" and re.fullmatch(r"/api/resources/[^/]+", path):
            return 200, [], {**RESOURCES[0], "versions": VERSIONS}
        if path == "/api/courses":
            return 200, [], CANVAS_COURSES
        if path in ("/api/resources", "/api/users/hostile-user/imports"):
            return 200, [], {"items": RESOURCES, "meta": {"cursor": SCRIPT, "count": "many"}}
        if path == "/api/users/hostile-user/updates":
            return 200, [], {"items": [_update(r) for r in RESOURCES], "meta": {"count": len(RESOURCES), "cursor": None}}
        if re.fullmatch(r"/api/users/hostile-user/updates/[^/]+", path):
            return 200, [], _update(RESOURCES[0])
        if path == "/api/users":
            return 200, [], {"items": USERS, "meta": {"count": None, "cursor": LONG}}
        return 204, [], None
