"""Updates work the views need: grouping by course, which version a course holds, bulk actions."""
from __future__ import annotations

from dataclasses import dataclass, replace

from django.utils.translation import gettext, gettext_lazy, ngettext

from lor_dashboard.core import offered
from lor_dashboard.core.bulk import BulkReport, act_on_each
from lor_dashboard.core.history import held_version, newest_version
from lor_dashboard.core.offered import Offer
from lor_dashboard.core.text import quoted
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


# Why a choice of courses is refused, by a key: the key is what is kept between two pages (a flash,
# in the session), the words are said in the language of the page that shows them.
CHOICE_ERRORS = {
    "none": gettext_lazy("Select at least one course."),
    "unknown": gettext_lazy("One of the selected courses does not hold an old copy of this resource."),
}


@dataclass(frozen=True)
class CourseChoice:
    """The courses a teacher chose on an update's page, or why they cannot be acted on."""

    title: str
    courses: tuple[tuple[str, str], ...] = ()  # (id, name)
    problem: str = ""  # why it is refused: a key of CHOICE_ERRORS

    @property
    def ids(self) -> list[str]:
        return [cid for cid, _ in self.courses]

    @property
    def error(self) -> str:
        """Why it is refused, in the page's language ("" when it is not)."""
        return str(CHOICE_ERRORS[self.problem]) if self.problem else ""


def check_courses(title: str, chosen: list[str], known: dict[str, str]) -> CourseChoice:
    """Only courses the update names (as its page showed them), each once, at least one."""
    choice = offered.check(chosen, known)
    return CourseChoice(title, choice.courses, choice.problem)


def offer_of(update: Update) -> Offer:
    """The courses the update's page shows: those holding an old copy."""
    return Offer(update.resource.title, {c.course_id: c.course_name for c in update.courses},
                 update.version_id or newest_version(update.resource))


def all_updates(client: LORClient, creds: Credentials) -> Walk[Update]:
    return walk_all(lambda cursor: client.list_updates(creds, cursor), MAX_PAGES)


def group_by_course(updates: tuple[Update, ...]) -> list[CourseGroup]:
    """One group per course, by course name, each with its stale resources."""
    groups: dict[str, tuple[str, list[Update]]] = {}
    for update in updates:
        for course in update.courses:
            # Translators: a course Commons gave no name: "Course 1101".
            name = course.course_name or gettext("Course %(id)s") % {"id": course.course_id}
            name, members = groups.setdefault(course.course_id, (name, []))
            if update not in members:
                members.append(update)
    ordered = sorted(groups.items(), key=lambda item: (item[1][0].casefold(), item[0]))
    return [CourseGroup(cid, name, tuple(members)) for cid, (name, members) in ordered]


def course_rows(update: Update) -> list[CourseRow]:
    """Each course with the version it holds: ``versionCreateDate`` matched to the versions."""
    oldest_first = list(reversed(update.resource.versions))
    rows = []
    for course in update.courses:
        match = held_version(update.resource, course)
        rows.append(CourseRow(course, oldest_first[match - 1] if match else None, match))
    return rows


Shown = dict[str, set[str]]  # resource id: the course ids a confirmation listed for it


def ignore_everywhere(client: LORClient, creds: Credentials, resource_ids: list[str], shown: Shown | None = None,
                      ) -> BulkReport:
    """Ignore each update for all the courses it names (of those the confirmation showed)."""
    return _bulk(client, creds, resource_ids, lambda u: client.ignore_update(
        creds, u.resource.id, course_ids=[c.course_id for c in u.courses]), shown)


def apply_everywhere(client: LORClient, creds: Credentials, resource_ids: list[str], shown: Shown | None = None,
                     ) -> tuple[BulkReport, list[Update]]:
    """Import the latest version of each into all the courses holding an old copy (of those the
    confirmation showed: a course that appeared since is not overwritten unasked); the report, and
    the updates Commons applied (for the import history, written by the caller's thread)."""
    applied: list[Update] = []

    def apply(update: Update) -> None:
        client.import_resource(creds, update.resource.id, courses=[(c.course_id, c.course_name) for c in update.courses])
        applied.append(update)

    return _bulk(client, creds, resource_ids, apply, shown), applied


def _bulk(client: LORClient, creds: Credentials, resource_ids: list[str], act, shown: Shown | None = None) -> BulkReport:
    """Fetch each update (for its courses) and act on it, all at once; report per update: done as
    "“Title” (3 courses)", failed as "“Title”" (or the id, when even the update could not be read).
    With ``shown``, only the courses the confirmation listed are acted on."""
    fetched: dict[str, Update] = {}

    def run(resource_id: str) -> None:
        update = client.get_update(creds, resource_id)
        if shown is not None:
            update = replace(update, courses=tuple(c for c in update.courses if c.course_id in shown.get(resource_id, ())))
        fetched[resource_id] = update
        if not update.courses:
            # Translators: why an update could not be acted on, after its title: "“Cells”: none of the courses…".
            raise LORError(gettext("none of the courses you confirmed still holds an older copy"))
        act(update)

    by_id = act_on_each(resource_ids, run)  # labelled by id, named once all are back
    return BulkReport(
        done=[_with_courses(_named(fetched[rid], rid), len(fetched[rid].courses)) for rid in by_id.done],
        failed=[(_named(fetched.get(rid), rid), error) for rid, error in by_id.failed],
    )


def _named(update: Update | None, resource_id: str) -> str:
    return quoted(update.resource.title or resource_id) if update else resource_id


def _with_courses(name: str, n: int) -> str:
    """An update done, in a list of them: "“Cells” (3 courses)"."""
    # Translators: an update done, in a list of them; %(update)s is its title in quotation marks.
    return ngettext("%(update)s (%(count)s course)", "%(update)s (%(count)s courses)", n) % {"update": name, "count": n}


def load_updates(client: LORClient, creds: Credentials, resource_ids: list[str]) -> list[tuple[str, Update | None]]:
    """Each chosen update, for a confirmation that names what it acts on (None: it could not be read)."""
    outcomes = each(lambda rid: client.get_update(creds, rid), resource_ids)
    return [(rid, outcome.value if outcome.ok else None) for rid, outcome in zip(resource_ids, outcomes, strict=True)]


def why(error: LORError) -> str:
    """A bulk failure, said for a person."""
    if isinstance(error, LORNotFound):
        # Translators: why an update could not be acted on, after its title: "“Cells”: the update no longer exists".
        return gettext("the update no longer exists")
    # Translators: why an update could not be acted on, after its title: "“Cells”: Commons refused it".
    return error.message or gettext("Commons refused it")
