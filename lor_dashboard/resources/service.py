"""Finding resources and importing one into the teacher's courses: what the views need but should not do."""
from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from lor_dashboard.core import history, offered
from lor_dashboard.core.history import Copy, newest_version
from lor_dashboard.core.offered import Offer
from lor_dashboard.lor import MAX_QUERY, RESOURCE_TYPES, Course, Credentials, LORClient, LORNotFound, Resource, Update
from lor_dashboard.lor.parallel import gather


@dataclass(frozen=True)
class Search:
    """What the teacher asked for, reduced to what may go upstream."""

    q: str
    types: tuple[str, ...]

    @classmethod
    def of(cls, params) -> "Search":
        chosen = [t for t in params.getlist("type") if t in RESOURCE_TYPES]
        return cls(q=params.get("q", "")[:MAX_QUERY].strip(), types=tuple(dict.fromkeys(chosen)))

    def query(self, **extra) -> list[tuple[str, str]]:
        return [("q", self.q), *(("type", t) for t in self.types), *extra.items()]


@dataclass(frozen=True)
class ResourcePage:
    """A resource's page: the resource, and what the import form needs (each may fail alone)."""

    resource: Resource
    favorite_ids: set[str] | None  # None: favorites could not be loaded (no star rather than a wrong one)
    courses: tuple[Course, ...] | None  # None: the course list could not be loaded
    copies: dict[str, Copy]  # the teacher's courses known to hold a copy (pending update, import history)
    copies_known: bool = True  # False: the pending update could not be loaded, so copies may be missing
    update: Update | None = None  # the update Commons holds for it, if any (its page reviews it per course)

    @property
    def held(self) -> frozenset[str]:
        return frozenset(self.copies)


def load_resource_page(client: LORClient, creds: Credentials, resource_id: str, *, stars: bool = True) -> ResourcePage:
    """Resource, courses, this resource's pending update and (with ``stars``) the favorites, all at once;
    with this dashboard's import history, which courses hold a copy. An import checked without its
    page having been shown needs no stars: one call fewer."""
    calls = {
        "resource": lambda: client.get_resource(creds, resource_id),
        "courses": lambda: client.list_courses(creds),
        "update": lambda: _update_or_none(client, creds, resource_id),
    }
    if stars:
        calls["favorites"] = lambda: client.list_favorites(creds)
    results = gather(**calls)
    if not results["resource"].ok:
        raise results["resource"].error
    courses, update = results["courses"], results["update"]
    favorites, resource = results.get("favorites"), results["resource"].value
    mine = [c.id for c in courses.value] if courses.ok else None
    imported = history.imported_copies(creds.user_id, [resource_id], mine).get(resource_id, {})
    return ResourcePage(
        resource=resource,
        favorite_ids={r.id for r in favorites.value} if favorites and favorites.ok else None,
        courses=courses.value if courses.ok else None,
        copies=history.copies(resource, imported, history.older_copies(update.value if update.ok else None)),
        copies_known=update.ok,
        update=update.value if update.ok else None,
    )


def _update_or_none(client: LORClient, creds: Credentials, resource_id: str):
    try:
        return client.get_update(creds, resource_id)
    except LORNotFound:
        return None


# Why a choice of courses is refused, by a key: the key is what is kept between two pages (a flash,
# in the session), the words are said in the language of the page that shows them.
CHOICE_ERRORS = {
    "none": gettext_lazy("Select at least one course."),
    "unknown": gettext_lazy("One of the selected courses is not one of your courses."),
}


@dataclass(frozen=True)
class ImportChoice:
    """The courses a teacher chose, checked against the ones their page showed."""

    courses: tuple[tuple[str, str], ...] = ()  # (id, name)
    overwrites: tuple[str, ...] = ()  # names of chosen courses that already hold a copy (or may)
    problem: str = ""  # why it is refused: a key of CHOICE_ERRORS
    unsure: bool = False  # which courses hold a copy could not be checked: every chosen one may

    @property
    def error(self) -> str:
        """Why it is refused, in the page's language ("" when it is not)."""
        return str(CHOICE_ERRORS[self.problem]) if self.problem else ""


def check_choice(chosen: list[str], known: dict[str, str], held: set[str], *, sure: bool = True) -> ImportChoice:
    choice = offered.check(chosen, known)
    if choice.problem:
        return ImportChoice(problem=choice.problem)
    return ImportChoice(
        courses=choice.courses,
        overwrites=tuple(name for cid, name in choice.courses if cid in held or not sure),
        unsure=not sure,
    )


def offer_of(page: ResourcePage) -> Offer:
    """What the page offers for importing (no course when they could not be loaded: nothing can be imported)."""
    return Offer(page.resource.title, {c.id: c.name for c in page.courses or ()}, newest_version(page.resource),
                 page.held, page.copies_known)
