"""The courses a resource page offered for importing (core/offered.py)."""
from __future__ import annotations

from dataclasses import dataclass

from lor_dashboard.core import offered
from lor_dashboard.core.history import newest_version
from lor_dashboard.core.request import SignedInRequest

from .service import ResourcePage

KIND = "import-courses"


def remember(request: SignedInRequest, resource_id: str, page: ResourcePage) -> None:
    """The courses the page offered (none when they could not be loaded: nothing can be imported)."""
    offered.remember(request, KIND, resource_id, page.resource.title, {c.id: c.name for c in page.courses or ()},
                     held=sorted(page.held), version=newest_version(page.resource), sure=page.copies_known)


@dataclass(frozen=True)
class Offered:
    title: str
    courses: dict[str, str]  # id: name
    held: set[str]  # ids of those known to hold a copy when the page was shown
    version: str  # the resource's newest version then
    sure: bool  # whether the courses holding a copy could be checked (the pending update loaded)


def recall(request: SignedInRequest, resource_id: str) -> Offered | None:
    entry = offered.recall(request, KIND, resource_id)
    if entry is None:
        return None
    return Offered(entry["title"], entry["courses"], set(entry.get("held", [])), str(entry.get("version", "")),
                   entry.get("sure") is not False)
