"""The sandbox's state, in SQLite. Updates are derived, not stored: a course
copy older than the resource's latest version, not ignored for it, is an update."""
from __future__ import annotations

import json
import secrets
import sqlite3
import threading
import time
from pathlib import Path

from . import seed

SCHEMA = """
CREATE TABLE users (id TEXT PRIMARY KEY, full_name TEXT, email TEXT, account_id TEXT,
                    canvas_user_id TEXT, is_admin INTEGER);
CREATE TABLE sessions (sid TEXT PRIMARY KEY, user_id TEXT, permanent INTEGER DEFAULT 0);
CREATE TABLE resources (id TEXT PRIMARY KEY, doc TEXT);
CREATE TABLE versions (id TEXT PRIMARY KEY, resource_id TEXT, create_date INTEGER, notes TEXT);
CREATE TABLE favorites (user_id TEXT, resource_id TEXT, create_date INTEGER,
                        PRIMARY KEY (user_id, resource_id));
CREATE TABLE actions (n INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT, kind TEXT, resource_id TEXT,
                      course_ids TEXT);
CREATE TABLE canvas_tokens (token TEXT PRIMARY KEY, kind TEXT, user_id TEXT, expires INTEGER, refresh TEXT);
CREATE TABLE copies (user_id TEXT, resource_id TEXT, course_id TEXT, course_name TEXT,
                     import_date INTEGER, version_create_date INTEGER, ignored_version TEXT,
                     PRIMARY KEY (user_id, resource_id, course_id));
"""
TABLES = ["users", "sessions", "resources", "versions", "favorites", "copies", "actions", "canvas_tokens"]


def now_ms() -> int:
    return int(time.time() * 1000)


class Store:
    def __init__(self, path: str | Path):
        self.path = str(path)
        self.lock = threading.RLock()
        self.db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        if not self.db.execute("SELECT name FROM sqlite_master WHERE name='users'").fetchone():
            self.reset()

    def reset(self) -> None:
        """Back to the seed data."""
        with self.lock:
            drops = "".join(f"DROP TABLE IF EXISTS {table};" for table in TABLES)
            self.db.executescript(f"BEGIN; {drops} {SCHEMA} COMMIT;")
            data = seed.build()
            self.db.execute("BEGIN")
            for row in data["users"]:
                self._insert("users", row)
            for row in data["sessions"]:
                self._insert("sessions", row)
            for res in data["resources"]:
                self.db.execute("INSERT INTO resources VALUES (?, ?)", (res["id"], json.dumps(res)))
            for table in ("versions", "favorites", "copies"):
                for row in data[table]:
                    self._insert(table, row)
            for token, user_id in seed.PERSONAL_TOKENS.items():
                self._insert("canvas_tokens", {"token": token, "kind": "personal", "user_id": user_id,
                                               "expires": 2**62, "refresh": None})
            self.db.execute("COMMIT")

    def _insert(self, table: str, row: dict) -> None:
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        self.db.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", tuple(row.values()))

    def _all(self, sql: str, *args) -> list[sqlite3.Row]:
        with self.lock:
            return self.db.execute(sql, args).fetchall()

    def _one(self, sql: str, *args) -> sqlite3.Row | None:
        with self.lock:
            return self.db.execute(sql, args).fetchone()

    def _run(self, sql: str, *args) -> int:
        with self.lock:
            return self.db.execute(sql, args).rowcount

    # -- sessions and users ----------------------------------------------

    def session_user(self, sid: str) -> sqlite3.Row | None:
        return self._one(
            "SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.sid = ?", sid
        )

    def create_session(self, user_id: str) -> str:
        sid = secrets.token_hex(16)
        self._run("INSERT INTO sessions (sid, user_id, permanent) VALUES (?, ?, 0)", sid, user_id)
        return sid

    def end_session(self, sid: str) -> None:
        """Demo sessions are permanent, so the demo keeps working after a sign-out."""
        self._run("DELETE FROM sessions WHERE sid = ? AND permanent = 0", sid)

    def expire_sessions(self, user_id: str) -> int:
        """End a user's Commons sessions made from JWTs (the demo ids stay)."""
        return self._run("DELETE FROM sessions WHERE user_id = ? AND permanent = 0", user_id)

    # -- the sandbox's Canvas ------------------------------------------------

    def issue_canvas_tokens(self, kind: str, user_id: str, lifetime_ms: int, refresh: str | None = None) -> str:
        token = secrets.token_urlsafe(24)
        self._insert_locked("canvas_tokens", {"token": token, "kind": kind, "user_id": user_id,
                                              "expires": now_ms() + lifetime_ms, "refresh": refresh})
        return token

    def canvas_token(self, token: str, kind: str | None = None) -> sqlite3.Row | None:
        row = self._one("SELECT * FROM canvas_tokens WHERE token = ?", token)
        if row is None or row["expires"] < now_ms() or (kind and row["kind"] not in kind.split("|")):
            return None
        return row

    def take_code(self, code: str) -> sqlite3.Row | None:
        """Authorization codes work once."""
        with self.lock:
            row = self.canvas_token(code, "code")
            self._run("DELETE FROM canvas_tokens WHERE token = ? AND kind = 'code'", code)
            return row

    def revoke_canvas(self, token: str) -> None:
        """Revoke an access token and the refresh token it came with."""
        with self.lock:
            row = self._one("SELECT refresh FROM canvas_tokens WHERE token = ? AND kind = 'access'", token)
            refresh = row["refresh"] if row and row["refresh"] else token
            self._run("DELETE FROM canvas_tokens WHERE token IN (?, ?) AND kind IN ('access', 'refresh')", token, refresh)

    def expire_access_tokens(self, user_id: str) -> int:
        return self._run("UPDATE canvas_tokens SET expires = 0 WHERE user_id = ? AND kind = 'access'", user_id)

    def _insert_locked(self, table: str, row: dict) -> None:
        with self.lock:
            self._insert(table, row)

    def user(self, user_id: str) -> sqlite3.Row | None:
        return self._one("SELECT * FROM users WHERE id = ?", user_id)

    def search_users(self, account_id: str, q: str) -> list[sqlite3.Row]:
        like = "%" + q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        return self._all(
            "SELECT * FROM users WHERE account_id = ? AND (lower(full_name) LIKE ? ESCAPE '\\'"
            " OR lower(email) LIKE ? ESCAPE '\\') ORDER BY full_name, id",
            account_id, like, like,
        )

    # -- resources --------------------------------------------------------

    def resource(self, resource_id: str) -> dict | None:
        row = self._one("SELECT doc FROM resources WHERE id = ?", resource_id)
        return json.loads(row["doc"]) if row else None

    def resources(self) -> list[dict]:
        return [json.loads(r["doc"]) for r in self._all("SELECT doc FROM resources ORDER BY id")]

    def search(self, q: str = "", types: set[str] | None = None) -> list[dict]:
        """Resources of ``types`` (all when empty) matching every word of ``q`` in the title,
        description, tags, author or account name; by relevance with ``q`` (title over tags
        over the rest), else newest first."""
        latest = {r["resource_id"]: r["latest"] for r in self._all(
            "SELECT resource_id, max(create_date) AS latest FROM versions GROUP BY resource_id")}
        docs = [d for d in self.resources() if not types or d["type"] in types]
        words = q.casefold().split()
        if not words:
            return sorted(docs, key=lambda d: (-latest.get(d["id"], 0), d["id"]))
        scored = []
        for doc in docs:
            fields = {
                3: doc["title"], 2: " ".join(doc["tags"]),
                1: " ".join([doc["description"], *(a["name"] for a in doc["authors"]), seed.ACCOUNT["name"]]),
            }
            score, found = 0, True
            for word in words:
                hits = [weight for weight, text in fields.items() if word in text.casefold()]
                found = found and bool(hits)
                score += sum(hits)
            if found:
                scored.append((-score, -latest.get(doc["id"], 0), doc["id"], doc))
        return [doc for *_, doc in sorted(scored, key=lambda t: t[:3])]

    def versions(self, resource_id: str) -> list[sqlite3.Row]:
        """Newest first."""
        return self._all(
            "SELECT * FROM versions WHERE resource_id = ? ORDER BY create_date DESC", resource_id
        )

    # -- favorites --------------------------------------------------------

    def favorites(self, user_id: str) -> list[tuple[dict, int]]:
        rows = self._all(
            "SELECT r.doc, f.create_date FROM favorites f JOIN resources r ON r.id = f.resource_id"
            " WHERE f.user_id = ? ORDER BY f.create_date DESC, r.id", user_id,
        )
        return [(json.loads(r["doc"]), r["create_date"]) for r in rows]

    def add_favorite(self, user_id: str, resource_id: str) -> int:
        with self.lock:
            self._run(
                "INSERT OR IGNORE INTO favorites VALUES (?, ?, ?)", user_id, resource_id, now_ms()
            )
            return self._one(
                "SELECT create_date FROM favorites WHERE user_id = ? AND resource_id = ?", user_id, resource_id
            )["create_date"]

    def remove_favorite(self, user_id: str, resource_id: str) -> bool:
        return self._run(
            "DELETE FROM favorites WHERE user_id = ? AND resource_id = ?", user_id, resource_id
        ) > 0

    # -- imports and updates ---------------------------------------------

    def imported(self, user_id: str) -> list[dict]:
        rows = self._all(
            "SELECT r.doc FROM copies c JOIN resources r ON r.id = c.resource_id WHERE c.user_id = ?"
            " GROUP BY r.id ORDER BY max(c.import_date) DESC, r.id", user_id,
        )
        return [json.loads(r["doc"]) for r in rows]

    def stale_copies(self, user_id: str, resource_id: str | None = None) -> dict[str, list[sqlite3.Row]]:
        """resource id -> the user's course copies older than its latest version, not ignored."""
        sql = (
            "SELECT c.*, v.id AS latest_id, v.create_date AS latest_date FROM copies c"
            " JOIN versions v ON v.resource_id = c.resource_id"
            " AND v.create_date = (SELECT max(create_date) FROM versions WHERE resource_id = c.resource_id)"
            " WHERE c.user_id = ? AND c.version_create_date < v.create_date"
            " AND (c.ignored_version IS NULL OR c.ignored_version != v.id)"
        )
        args: list = [user_id]
        if resource_id is not None:
            sql += " AND c.resource_id = ?"
            args.append(resource_id)
        sql += " ORDER BY v.create_date DESC, c.resource_id, c.course_name"
        grouped: dict[str, list[sqlite3.Row]] = {}
        for row in self._all(sql, *args):
            grouped.setdefault(row["resource_id"], []).append(row)
        return grouped

    def log_action(self, user_id: str, kind: str, resource_id: str, course_ids: list[str]) -> None:
        """Every ignore, import, favorite, unfavorite and new session that reached the sandbox, so
        tests can count them."""
        self._run(
            "INSERT INTO actions (user_id, kind, resource_id, course_ids) VALUES (?, ?, ?, ?)",
            user_id, kind, resource_id, json.dumps(course_ids),
        )

    def actions(self) -> list[dict]:
        return [
            {"userId": r["user_id"], "kind": r["kind"], "resourceId": r["resource_id"], "courseIds": json.loads(r["course_ids"])}
            for r in self._all("SELECT * FROM actions ORDER BY n")
        ]

    def ignore(self, user_id: str, resource_id: str, course_ids: list[str], version_id: str) -> None:
        self.log_action(user_id, "ignore", resource_id, course_ids)
        with self.lock:
            for course_id in course_ids:
                self._run(
                    "UPDATE copies SET ignored_version = ? WHERE user_id = ? AND resource_id = ? AND course_id = ?",
                    version_id, user_id, resource_id, course_id,
                )

    def import_into(self, user_id: str, resource_id: str, courses: list[tuple[str, str]], version_date: int) -> None:
        self.log_action(user_id, "import", resource_id, [c for c, _ in courses])
        with self.lock:
            for course_id, name in courses:
                self._run(
                    "INSERT INTO copies VALUES (?, ?, ?, ?, ?, ?, NULL) ON CONFLICT (user_id, resource_id, course_id)"
                    " DO UPDATE SET import_date = excluded.import_date,"
                    " version_create_date = excluded.version_create_date, ignored_version = NULL",
                    user_id, resource_id, course_id, name, now_ms(), version_date,
                )
