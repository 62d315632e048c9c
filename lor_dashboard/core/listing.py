"""What the favorites and imports pages do with a whole list: filter, sort, and the cards one response shows."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Iterable, Mapping
from urllib.parse import urlencode

from django.utils.translation import gettext_lazy

from lor_dashboard.lor import MAX_QUERY, Resource
from lor_dashboard.lor.dates import OLDEST

# The orders a list offers, by what the menu says (lazy: said in the page's language); the first is the default.
# Translators: an order of a list of resources, in its "Sort by" menu.
SORTS = {"updated": gettext_lazy("Last updated"), "title": gettext_lazy("Title")}
# "imported": as Commons lists them, newest first.
# Translators: an order of a list of resources, in its "Sort by" menu.
IMPORT_SORTS = {"imported": gettext_lazy("Recently imported"), **SORTS}


PAGE = 60  # cards a response renders at most; "Show more" appends the next ones
MAX_START = 100_000


@dataclass(frozen=True)
class Listing:
    """A whole list narrowed by the page's ``?q=&type=&sort=``; unknown values fall back."""

    matches: list[Resource]  # every match, in order: the count and "Show more" cover them all
    total: int
    types: list[str]
    q: str
    type: str
    sort: str
    start: int = 0  # the first of ``cards``

    @property
    def filtered(self) -> bool:
        return bool(self.q or self.type)

    @property
    def cards(self) -> list[Resource]:
        """The cards one response renders: never more than a page's worth."""
        return self.matches[self.start:self.start + PAGE]

    @property
    def next_start(self) -> int | None:
        following = self.start + PAGE
        return following if following < len(self.matches) else None

    @property
    def more_url(self) -> str:
        """Where "Show more" goes: this page's address for the next window ("" after the last)."""
        return f"?{self.query(start=self.next_start)}" if self.next_start else ""

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
        matches = sort_resources(filter_resources(resources, q=q, type=type_), sort)
        start = params.get("start", "")
        # ASCII digits only: isdigit() also accepts "²", which int() refuses.
        start = min(int(start), MAX_START) if start.isascii() and start.isdigit() and len(start) <= 9 else 0
        return cls(matches=matches, total=len(resources), types=types, q=q, type=type_, sort=sort, start=start)


def resource_types(resources: Iterable[Resource]) -> list[str]:
    return sorted({r.type for r in resources if r.type})


def filter_resources(resources: Iterable[Resource], *, q: str = "", type: str = "") -> list[Resource]:
    """Resources whose title, description, tags or authors contain ``q``, of ``type``."""
    needle = folded(q.strip())
    return [
        r for r in resources
        if (not type or r.type == type) and (not needle or needle in _haystack(r))
    ]


def _haystack(resource: Resource) -> str:
    parts = [resource.title, resource.description, *resource.tags, *(a.name for a in resource.authors)]
    return folded(" ".join(parts))


def folded(text: str) -> str:
    """Text as a reader compares it: case and accents aside ("Écologie" ~ "ecologie", "Ciências" ~ "ciencias")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def sort_resources(resources: Iterable[Resource], sort: str) -> list[Resource]:
    if sort == "title":
        # By letter first, accents aside: "Écologie" among the E's, not after "Z" (then accents, for a stable order).
        return sorted(resources, key=lambda r: (folded(r.title), r.title.casefold(), r.id))
    if sort == "updated":
        return sorted(resources, key=lambda r: (r.update_date or OLDEST, r.id), reverse=True)
    return list(resources)  # as given (Commons' own order)
