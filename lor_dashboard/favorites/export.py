"""The favorites CSV."""
from __future__ import annotations

from typing import Iterable, Iterator

from django.utils.translation import gettext_lazy

from lor_dashboard.core.csv_stream import defuse_cell
from lor_dashboard.core.text import type_label
from lor_dashboard.lor import LORClient, Resource
from lor_dashboard.lor.client import resource_page_url

# The columns, named in the language of the download (lazy: the request's, when the file is made).
HEADER = [
    # Translators: a column of the favorites CSV: the resource's id in Commons.
    gettext_lazy("id"),
    # Translators: a column of the favorites CSV.
    gettext_lazy("title"),
    # Translators: a column of the favorites CSV: the kind of resource (Quiz, Page…).
    gettext_lazy("type"),
    # Translators: a column of the favorites CSV.
    gettext_lazy("authors"),
    # Translators: a column of the favorites CSV.
    gettext_lazy("tags"),
    # Translators: a column of the favorites CSV: the day the resource was last updated.
    gettext_lazy("updated"),
    # Translators: a column of the favorites CSV: the resource's web address.
    gettext_lazy("url"),
]


def favorite_rows(resources: Iterable[Resource], client: LORClient) -> Iterator[list[str]]:
    """Header, then one row a resource, every cell defused."""
    yield [str(name) for name in HEADER]
    for r in resources:
        yield [defuse_cell(v) for v in (
            r.id,
            r.title,
            type_label(r.type),
            "; ".join(a.name for a in r.authors),
            "; ".join(r.tags),
            r.update_date.date().isoformat() if r.update_date else "",  # a plain date: 2026-03-02
            resource_page_url(client.base_url, r.id) if r.has_valid_id else "",
        )]
