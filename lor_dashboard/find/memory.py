"""The courses a resource page offered for importing (core/offered.py)."""
from __future__ import annotations

from lor_dashboard.core import offered
from lor_dashboard.core.request import SignedInRequest

from .service import ResourcePage

KIND = "import-courses"


def remember(request: SignedInRequest, resource_id: str, page: ResourcePage) -> None:
    """The courses the page offered (none when they could not be loaded: nothing can be imported)."""
    offered.remember(request, KIND, resource_id, page.resource.title, {c.id: c.name for c in page.courses or ()},
                     held=sorted(page.held))


def recall(request: SignedInRequest, resource_id: str) -> tuple[str, dict[str, str], set[str]] | None:
    entry = offered.recall(request, KIND, resource_id)
    return (entry["title"], entry["courses"], set(entry.get("held", []))) if entry else None
