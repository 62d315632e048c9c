"""The favorites CSV."""
from __future__ import annotations

from typing import Iterable, Iterator

from lor_dashboard.core.csv_stream import defuse_cell
from lor_dashboard.core.text import type_label
from lor_dashboard.lor import LORClient, Resource

HEADER = ["id", "title", "type", "authors", "tags", "updated", "url"]


def favorite_rows(resources: Iterable[Resource], client: LORClient) -> Iterator[list[str]]:
    """Header, then one row a resource, every cell defused."""
    yield HEADER
    for r in resources:
        yield [defuse_cell(v) for v in (
            r.id,
            r.title,
            type_label(r.type),
            "; ".join(a.name for a in r.authors),
            "; ".join(r.tags),
            r.update_date.date().isoformat() if r.update_date else "",  # a plain date: 2026-03-02
            client.resource_page_url(r.id) if r.has_valid_id else "",
        )]
