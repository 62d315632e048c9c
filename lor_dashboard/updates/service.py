"""Updates work the views need: grouping by course, which version a course holds, bulk actions."""
from __future__ import annotations

from dataclasses import dataclass, field

from lor_dashboard.lor import (
    CourseImport,
    Credentials,
    LORClient,
    LORError,
    LORNotFound,
    Update,
    Version,
    Walk,
    walk_all,
)
from lor_dashboard.lor.parallel import each

MAX_PAGES = 50  # the by-course view walks every page, up to this many


@dataclass(frozen=True)
class CourseGroup:
    course_id: str
    course_name: str
    updates: tuple[Update, ...]


@dataclass(frozen=True)
class CourseRow:
    course: CourseImport
    version: Version | None  # the version this course holds, when the dates match one
    version_number: int | None  # 1 = the first version


@dataclass
class BulkReport:
    done: list[str] = field(default_factory=list)  # titles
    failed: list[tuple[str, str]] = field(default_factory=list)  # (title, why)


def all_updates(client: LORClient, creds: Credentials) -> Walk[Update]:
    return walk_all(lambda cursor: client.list_updates(creds, cursor), MAX_PAGES)


def group_by_course(updates: tuple[Update, ...]) -> list[CourseGroup]:
    """One group per course, by course name, each with its stale resources."""
    groups: dict[str, tuple[str, list[Update]]] = {}
    for update in updates:
        for course in update.courses:
            name, members = groups.setdefault(course.course_id, (course.course_name or f"Course {course.course_id}", []))
            if update not in members:
                members.append(update)
    ordered = sorted(groups.items(), key=lambda item: (item[1][0].casefold(), item[0]))
    return [CourseGroup(cid, name, tuple(members)) for cid, (name, members) in ordered]


def course_rows(update: Update) -> list[CourseRow]:
    """Each course with the version it holds: ``versionCreateDate`` matched to the versions."""
    oldest_first = list(reversed(update.resource.versions))
    rows = []
    for course in update.courses:
        match = next(
            (n for n, v in enumerate(oldest_first, 1) if v.create_date and v.create_date == course.version_create_date),
            None,
        )
        rows.append(CourseRow(course, oldest_first[match - 1] if match else None, match))
    return rows


def ignore_everywhere(client: LORClient, creds: Credentials, resource_ids: list[str]) -> BulkReport:
    """Ignore each update for all the courses it names."""
    return _bulk(client, creds, resource_ids, lambda u: client.ignore_update(
        creds, u.resource.id, course_ids=[c.course_id for c in u.courses]))


def apply_everywhere(client: LORClient, creds: Credentials, resource_ids: list[str]) -> BulkReport:
    """Import the latest version of each into all the courses holding an old copy."""
    return _bulk(client, creds, resource_ids, lambda u: client.import_resource(
        creds, u.resource.id, courses=[(c.course_id, c.course_name) for c in u.courses]))


def _bulk(client: LORClient, creds: Credentials, resource_ids: list[str], act) -> BulkReport:
    """Fetch each update (for its courses) and act on it, all at once; report per update."""
    titles: dict[str, str] = {}

    def run(resource_id: str) -> None:
        update = client.get_update(creds, resource_id)
        titles[resource_id] = update.resource.title or resource_id
        act(update)

    report = BulkReport()
    for resource_id, outcome in zip(resource_ids, each(run, resource_ids), strict=True):
        title = titles.get(resource_id, resource_id)
        if outcome.ok:
            report.done.append(title)
        else:
            report.failed.append((title, _why(outcome.error)))
    return report


def _why(error: LORError) -> str:
    if isinstance(error, LORNotFound):
        return "the update no longer exists"
    return error.message or "Commons refused it"
