"""List work the views need but should not do: filter, sort, a window of a long list."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping
from urllib.parse import urlencode

from .client import MAX_QUERY
from .dates import OLDEST
from .records import Resource

SORTS = {"updated": "Last updated", "title": "Title"}  # the first is the default
IMPORT_SORTS = {"imported": "Recently imported", **SORTS}  # "imported": as Commons lists them, newest first


PAGE = 60  # cards a response renders at most; "Show more" appends the next ones
MAX_START = 100_000


@dataclass(frozen=True)
class Listing:
    """A whole list narrowed by the page's ``?q=&type=&sort=``; unknown values fall back."""

    shown: list[Resource]  # every match, in order: the count and "Show more" cover them all
    total: int
    types: list[str]
    q: str
    type: str
    sort: str
    start: int = 0  # the first of ``window``

    @property
    def filtered(self) -> bool:
        return bool(self.q or self.type)

    @property
    def window(self) -> list[Resource]:
        """The cards one response renders: never more than a page's worth."""
        return self.shown[self.start:self.start + PAGE]

    @property
    def next_start(self) -> int | None:
        following = self.start + PAGE
        return following if following < len(self.shown) else None

    def query(self, **changes) -> str:
        """This listing's query string (q, type, sort, start), with ``changes``."""
        params = {"q": self.q, "type": self.type, "sort": self.sort, **changes}
        return urlencode({k: v for k, v in params.items() if k != "start" or v})

    @classmethod
    def of(cls, resources: Iterable[Resource], params: Mapping[str, str], sorts: Mapping[str, str] = SORTS) -> "Listing":
        resources = list(resources)
        types = resource_types(resources)
        q = params.get("q", "")[:MAX_QUERY]
        type_ = params.get("type", "") if params.get("type", "") in types else ""
        sort = params.get("sort", "") if params.get("sort") in sorts else next(iter(sorts))
        shown = sort_resources(filter_resources(resources, q=q, type=type_), sort)
        start = params.get("start", "")
        # ASCII digits only: isdigit() also accepts "²", which int() refuses.
        start = min(int(start), MAX_START) if start.isascii() and start.isdigit() and len(start) <= 9 else 0
        return cls(shown=shown, total=len(resources), types=types, q=q, type=type_, sort=sort, start=start)


def resource_types(resources: Iterable[Resource]) -> list[str]:
    return sorted({r.type for r in resources if r.type})


def filter_resources(resources: Iterable[Resource], *, q: str = "", type: str = "") -> list[Resource]:
    """Resources whose title, description, tags or authors contain ``q``, of ``type``."""
    needle = q.strip().casefold()
    return [
        r for r in resources
        if (not type or r.type == type) and (not needle or needle in _haystack(r))
    ]


def _haystack(resource: Resource) -> str:
    parts = [resource.title, resource.description, *resource.tags, *(a.name for a in resource.authors)]
    return " ".join(parts).casefold()


def sort_resources(resources: Iterable[Resource], sort: str) -> list[Resource]:
    if sort == "title":
        return sorted(resources, key=lambda r: (r.title.casefold(), r.id))
    if sort == "updated":
        return sorted(resources, key=lambda r: (r.update_date or OLDEST, r.id), reverse=True)
    return list(resources)  # as given (Commons' own order)
