"""List work the views need but should not do: filter, sort, CSV rows."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Iterable, Iterator

from .records import Resource

SORTS = {"updated": "Last updated", "title": "Title"}
DEFAULT_SORT = "updated"
_OLDEST = datetime.min.replace(tzinfo=timezone.utc)
CSV_HEADER = ["id", "title", "type", "authors", "tags", "updated", "url"]


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
    return sorted(resources, key=lambda r: (r.update_date or _OLDEST, r.id), reverse=True)


def resource_csv_rows(resources: Iterable[Resource], base_url: str) -> Iterator[list[str]]:
    """Header, then one row a resource. Cells that a spreadsheet would run as a
    formula are defused with a leading apostrophe."""
    yield CSV_HEADER
    for r in resources:
        yield [defuse_cell(v) for v in (
            r.id,
            r.title,
            r.type,
            "; ".join(a.name for a in r.authors),
            "; ".join(r.tags),
            r.update_date.isoformat() if r.update_date else "",
            f"{base_url}/resources/{r.id}" if r.has_valid_id else "",
        )]


def defuse_cell(value: str) -> str:
    """A leading apostrophe keeps a spreadsheet from running the cell as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
