"""The user-search CSV: every match, page by page, streamed as it is fetched."""
from __future__ import annotations

from typing import Iterator

from lor_dashboard.core.csv_stream import defuse_cell
from lor_dashboard.lor import Credentials, LORClient, LORError, Page, UserHit, iter_pages

MAX_PAGES = 100
HEADER = ["name", "email", "account id", "user id"]


def user_rows(client: LORClient, creds: Credentials, q: str, first: Page[UserHit]) -> Iterator[list[str]]:
    """Header, then one row per match. ``first`` is fetched before streaming starts, so
    a refusal (403, 401) still becomes a proper page; later trouble ends the file with a note."""
    yield HEADER

    def fetch(cursor: str | None) -> Page[UserHit]:
        return first if cursor is None else client.search_users(creds, q, cursor)

    pages = 0
    last = first
    try:
        for last in iter_pages(fetch, MAX_PAGES):
            pages += 1
            for hit in last.items:
                yield [defuse_cell(hit.full_name), defuse_cell(hit.email), defuse_cell(hit.account_id), defuse_cell(hit.uuid)]
    except LORError:
        yield [f"# Commons stopped answering after {pages} pages: this export is incomplete. Try again."]
        return
    if last.next_cursor is not None and pages >= MAX_PAGES:
        yield [f"# Stopped after {MAX_PAGES} pages: narrow the search to export the rest."]

