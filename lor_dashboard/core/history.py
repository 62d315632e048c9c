"""What this dashboard imported, where and when (``core.ImportRecord``), so a re-import into a
course that already holds a copy asks first, and pages say which courses hold a resource. Joined
with Commons' pending updates (the courses holding an *older* copy) by the pages that show it."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable

from django.db import DatabaseError
from django.utils import formats, timezone
from django.utils.translation import gettext

from lor_dashboard.lor import CourseImport, Resource, Update

from .models import ImportRecord

MAX_NAME = 300
MAX_ID = 128  # upstream version ids are unchecked text
log = logging.getLogger("lor_dashboard")


@dataclass(frozen=True)
class Copy:
    """A course known to hold a copy of a resource."""

    course_id: str
    course_name: str
    imported: datetime | None = None  # when this dashboard imported it (None: known from Commons only)
    version_number: int | None = None  # 1 = the oldest, of ``version_count``
    version_count: int = 0
    latest: bool = False
    older: bool = False  # Commons lists an update for this course

    @property
    def text(self) -> str:
        """Said beside the course: "holds the latest copy (imported Mar 2)", in the page's language
        (the day too: MONTH_DAY_FORMAT, "Mar 2" in English, core/formats)."""
        day = formats.date_format(timezone.localtime(self.imported), "MONTH_DAY_FORMAT") if self.imported else ""
        if self.latest and day:
            # Translators: follows a course's name: "Biology 101 — holds the latest copy (imported Mar 2)".
            return gettext("holds the latest copy (imported %(day)s)") % {"day": day}
        if self.latest:
            # Translators: follows a course's name: "Biology 101 — holds the latest copy".
            return gettext("holds the latest copy")
        if self.version_number and self.version_count and (self.older or self.imported):
            # Translators: follows a course's name: "Biology 101 — holds an older copy (version 2 of 3)".
            return gettext("holds an older copy (version %(number)s of %(count)s)") % {
                "number": self.version_number, "count": self.version_count}
        if self.older:
            # Translators: follows a course's name: "Biology 101 — holds an older copy".
            return gettext("holds an older copy")
        if day:
            # Translators: follows a course's name: "Biology 101 — holds a copy imported Mar 2".
            return gettext("holds a copy imported %(day)s") % {"day": day}
        # Translators: follows a course's name: "Biology 101 — holds a copy".
        return gettext("holds a copy")


def newest_version(resource: Resource) -> str:
    return resource.versions[0].id if resource.versions else ""


def record(user_id: str, resource_id: str, version_id: str, courses: Iterable[tuple[str, str]]) -> None:
    """After Commons said yes to an import: ``version_id`` (the newest) went into each course."""
    try:
        ImportRecord.objects.bulk_create([
            ImportRecord(user_id=user_id, resource_id=resource_id, version_id=version_id[:MAX_ID], course_id=cid,
                         course_name=(name or "")[:MAX_NAME])
            for cid, name in courses
        ])
    except DatabaseError:  # Commons has imported: the teacher is told so, whatever the record
        log.exception("the import of %s could not be recorded", resource_id)


def imported_copies(user_id: str, resource_ids: Iterable[str], course_ids: Iterable[str] | None = None,
                    ) -> dict[str, dict[str, ImportRecord]]:
    """{resource id: {course id: its latest import}}: into ``course_ids`` (the teacher's courses) by
    anyone, so a co-teacher's import into a shared course counts; without them, this user's imports."""
    rows = ImportRecord.objects.filter(resource_id__in=list(resource_ids))
    rows = rows.filter(course_id__in=list(course_ids)) if course_ids is not None else rows.filter(user_id=user_id)
    found: dict[str, dict[str, ImportRecord]] = {}
    for row in rows.order_by("imported", "pk"):
        found.setdefault(row.resource_id, {})[row.course_id] = row  # later imports replace earlier ones
    return found


def copies(resource: Resource, imported: dict[str, ImportRecord], older: dict[str, tuple[str, int | None]]) -> dict[str, Copy]:
    """Every course known to hold ``resource``, by id: those Commons says hold an older copy
    (``older``: {course id: (name, version number or None)}) and those this dashboard imported it into."""
    count, newest = len(resource.versions), newest_version(resource)
    known: dict[str, Copy] = {}
    for cid, row in imported.items():
        number = next((count - n for n, v in enumerate(resource.versions) if v.id == row.version_id), None)
        known[cid] = Copy(cid, row.course_name, row.imported, number, count, latest=bool(newest) and row.version_id == newest)
    for cid, (name, number) in older.items():  # Commons' word wins: it knows the copy is old
        when = known[cid].imported if cid in known else None
        known[cid] = Copy(cid, name or (known[cid].course_name if cid in known else ""), when, number, count, older=True)
    return known


def held_version(resource: Resource, course: CourseImport) -> int | None:
    """Which version (1 = the first) a course holds: its ``versionCreateDate`` matched to the versions."""
    oldest_first = list(reversed(resource.versions))
    return next((n for n, v in enumerate(oldest_first, 1) if v.create_date and v.create_date == course.version_create_date),
                None)


def older_copies(update: Update | None) -> dict[str, tuple[str, int | None]]:
    """The courses a pending update names: {course id: (name, version held)}."""
    if update is None:
        return {}
    return {c.course_id: (c.course_name, held_version(update.resource, c)) for c in update.courses}
