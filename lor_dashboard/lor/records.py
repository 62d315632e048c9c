"""Small typed records built from upstream JSON.

Every ``from_json`` tolerates null, missing, wrongly typed and unknown
fields: upstream data is untrusted and production has differed from the docs.
Text stays raw here; templates escape it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from .dates import parse_timestamp
from .ids import is_valid_id
from .renewal import Renewal

_PLAIN_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63}")


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _str(value: Any, default: str = "") -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return default


def web_url(value: Any) -> str:
    """Only absolute http(s) URLs survive: upstream URLs can be ``javascript:`` or ``data:``."""
    url = _str(value).strip()
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else ""


def _int(value: Any) -> int:
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return 0


@dataclass(frozen=True)
class Credentials:
    """Who a call is made for. The session id never shows in repr or logs."""

    session_id: str = field(repr=False)
    user_id: str
    # Set for a signed-in request that can renew its Commons session (lor/renewal.py).
    renewal: Renewal | None = field(default=None, repr=False, compare=False)

    @property
    def current_session_id(self) -> str:
        return self.renewal.current(self.session_id) if self.renewal else self.session_id


@dataclass(frozen=True)
class Session:
    """``GET /api/sessions/{id}``: who the session belongs to."""

    user_id: str
    full_name: str
    account_id: str = ""
    account_name: str = ""
    is_admin: bool = False

    @classmethod
    def from_json(cls, data: Any) -> "Session":
        data = _dict(data)
        return cls(
            user_id=_str(data.get("userId")),
            full_name=_str(data.get("userFullName")),
            account_id=_str(data.get("accountId")),
            account_name=_str(data.get("accountName")),
            is_admin=data.get("isAdmin") is True,
        )


@dataclass(frozen=True)
class Author:
    id: str
    name: str

    @classmethod
    def from_json(cls, data: Any) -> "Author":
        data = _dict(data)
        return cls(id=_str(data.get("id")), name=_str(data.get("name")))

    @property
    def has_profile_link(self) -> bool:
        return is_valid_id(self.id)


@dataclass(frozen=True)
class Version:
    id: str
    notes: str = ""
    create_date: datetime | None = None

    @classmethod
    def from_json(cls, data: Any) -> "Version":
        data = _dict(data)
        return cls(
            id=_str(data.get("id")),
            notes=_str(data.get("versionNotes")),
            create_date=parse_timestamp(data.get("createDate")),
        )


@dataclass(frozen=True)
class Resource:
    id: str
    title: str
    description: str = ""
    type: str = ""
    account_name: str = ""
    authors: tuple[Author, ...] = ()
    tags: tuple[str, ...] = ()
    thumbnail_url: str = ""
    thumbnail_description: str = ""
    license_ids: tuple[str, ...] = ()
    favorited_count: int = 0
    update_date: datetime | None = None
    versions: tuple[Version, ...] = ()

    @classmethod
    def from_json(cls, data: Any) -> "Resource":
        data = _dict(data)
        thumbnail = _dict(data.get("thumbnail"))
        versions = [Version.from_json(v) for v in _list(data.get("versions"))]
        versions.sort(key=lambda v: v.create_date.timestamp() if v.create_date else 0, reverse=True)
        return cls(
            id=_str(data.get("id")),
            title=_str(data.get("title")),
            description=_str(data.get("description")),
            type=_str(data.get("type")),
            account_name=_str(_dict(data.get("account")).get("name")),
            authors=tuple(Author.from_json(a) for a in _list(data.get("authors")) if isinstance(a, dict)),
            tags=tuple(_str(t) for t in _list(data.get("tags")) if _str(t)),
            thumbnail_url=web_url(thumbnail.get("url")),
            thumbnail_description=_str(thumbnail.get("description")),
            license_ids=tuple(_str(t) for t in _list(data.get("licenseIds")) if _str(t)),
            favorited_count=_int(data.get("favoritedCount")),
            update_date=parse_timestamp(data.get("updateDate")),
            versions=tuple(versions),
        )

    @property
    def has_valid_id(self) -> bool:
        return is_valid_id(self.id)


@dataclass(frozen=True)
class Course:
    """A Canvas course the user may import into (``GET /api/courses``: Canvas' id is a number)."""

    id: str
    name: str = ""
    course_code: str = ""
    term_name: str = ""

    @classmethod
    def from_json(cls, data: Any) -> "Course":
        data = _dict(data)
        return cls(
            id=_str(data.get("id")),
            name=_str(data.get("name")),
            course_code=_str(data.get("course_code")),
            term_name=_str(_dict(data.get("term")).get("name")),
        )

    @property
    def has_valid_id(self) -> bool:
        return is_valid_id(self.id)


@dataclass(frozen=True)
class CourseImport:
    """A course of the user's that holds a copy of a resource."""

    course_id: str
    course_name: str = ""
    import_date: datetime | None = None
    version_create_date: datetime | None = None

    @classmethod
    def from_json(cls, data: Any) -> "CourseImport":
        data = _dict(data)
        return cls(
            course_id=_str(data.get("courseId")),
            course_name=_str(data.get("courseName")),
            import_date=parse_timestamp(data.get("importDate")),
            version_create_date=parse_timestamp(data.get("versionCreateDate")),
        )


@dataclass(frozen=True)
class Update:
    """A newer version of a resource the user imported, and the courses holding an old copy."""

    resource: Resource
    version_id: str = ""
    version_notes: str = ""
    last_update_date: datetime | None = None
    courses: tuple[CourseImport, ...] = ()

    @classmethod
    def from_json(cls, data: Any) -> "Update":
        data = _dict(data)
        return cls(
            resource=Resource.from_json(data.get("resource")),
            version_id=_str(data.get("versionId")),
            version_notes=_str(data.get("versionNotes")),
            last_update_date=parse_timestamp(data.get("lastUpdateDate")),
            courses=tuple(
                CourseImport.from_json(c) for c in _list(data.get("courses")) if isinstance(c, dict)
            ),
        )


@dataclass(frozen=True)
class UserHit:
    """One result of the account user search."""

    uuid: str
    full_name: str = ""
    email: str = ""
    account_id: str = ""

    @classmethod
    def from_json(cls, data: Any) -> "UserHit":
        data = _dict(data)
        return cls(
            uuid=_str(data.get("uuid")),
            full_name=_str(data.get("fullName")),
            email=_str(data.get("email")),
            account_id=_str(data.get("accountId")),
        )

    @property
    def has_profile_link(self) -> bool:
        return is_valid_id(self.uuid)

    @property
    def has_plain_email(self) -> bool:
        """Only a plain address becomes a mailto: link; anything odd stays text."""
        return _PLAIN_EMAIL.fullmatch(self.email) is not None
