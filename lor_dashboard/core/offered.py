"""The courses a page offered for one resource, kept per sign-in (core/kept.py): a POST is checked
against them without asking Commons again, and a course that was not offered never reaches it.
A resource's import form and an update's page each keep their own ``kind``."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import kept
from .request import SignedInRequest

IMPORT = "import-courses"  # a resource's page: the teacher's courses
UPDATE = "update-courses"  # an update's page: the courses holding an old copy
KEEP = 20  # the last few pages of each kind


@dataclass(frozen=True)
class Offer:
    title: str  # the resource's, as the page showed it
    courses: dict[str, str]  # id: name
    version: str = ""  # the resource's newest version then: what acting now brings
    held: frozenset[str] = frozenset()  # ids of those known to hold a copy then
    sure: bool = True  # whether which courses hold a copy could be checked


def remember(request: SignedInRequest, kind: str, resource_id: str, offer: Offer) -> None:
    value = {"title": offer.title, "courses": offer.courses, "version": offer.version,
             "held": sorted(offer.held), "sure": offer.sure}
    kept.keep(request.lor_user.owner, kind, resource_id, value, limit=KEEP)


def recall(request: SignedInRequest, kind: str, resource_id: str) -> Offer | None:
    """What the page last offered, or None."""
    entry = kept.recall(request.lor_user.owner, kind, resource_id)
    if not isinstance(entry, dict) or not isinstance(entry.get("courses"), dict):
        return None
    return Offer(str(entry.get("title", "")), entry["courses"], str(entry.get("version", "")),
                 frozenset(entry.get("held") or ()), entry.get("sure") is not False)


def recall_or_load(request: SignedInRequest, kind: str, resource_id: str, load: Callable[[], Offer]) -> Offer:
    """As last offered; when the page was not shown in this sign-in, what it would have offered."""
    offer = recall(request, kind, resource_id)
    if offer is None:
        offer = load()
        remember(request, kind, resource_id, offer)
    return offer


def forget_courses(request: SignedInRequest, kind: str, resource_id: str, course_ids: list[str]) -> dict[str, str]:
    """Drop the acted-on courses; return those left."""
    offer = recall(request, kind, resource_id)
    if offer is None:
        return {}
    left = {cid: name for cid, name in offer.courses.items() if cid not in course_ids}
    remember(request, kind, resource_id, Offer(offer.title, left, offer.version, offer.held, offer.sure))
    return left


@dataclass(frozen=True)
class Choice:
    """The courses a teacher chose, checked against those offered."""

    courses: tuple[tuple[str, str], ...] = ()  # (id, name), each once
    problem: str = ""  # why it is refused: "none" chosen, or one "unknown" (not offered)

    @property
    def ids(self) -> list[str]:
        return [cid for cid, _ in self.courses]


def check(chosen: list[str], offered: dict[str, str]) -> Choice:
    """Only courses offered, each once, at least one."""
    chosen = list(dict.fromkeys(chosen))
    if not chosen:
        return Choice(problem="none")
    if any(cid not in offered for cid in chosen):
        return Choice(problem="unknown")
    return Choice(tuple((cid, offered[cid]) for cid in chosen))
