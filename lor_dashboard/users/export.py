"""The user-search CSV: every match, page by page, streamed as it is fetched."""
from __future__ import annotations

from typing import Iterator

from django.utils.translation import gettext_lazy, ngettext

from lor_dashboard.core.csv_stream import defuse_cell
from lor_dashboard.lor import Credentials, LORClient, LORError, Page, UserHit, iter_pages

MAX_PAGES = 100
# The columns, named in the language of the download (lazy: the request's, when the file is made).
HEADER = [
    # Translators: a column of the users CSV: the person's name.
    gettext_lazy("name"),
    # Translators: a column of the users CSV: the person's e-mail address.
    gettext_lazy("email"),
    # Translators: a column of the users CSV: the id of the person's Canvas account.
    gettext_lazy("account id"),
    # Translators: a column of the users CSV: the person's id in Commons.
    gettext_lazy("user id"),
]


def user_rows(client: LORClient, creds: Credentials, q: str, first: Page[UserHit]) -> Iterator[list[str]]:
    """Header, then one row per match. ``first`` is fetched before streaming starts, so
    a refusal (403, 401) still becomes a proper page; later trouble ends the file with a note."""
    yield [str(name) for name in HEADER]

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
        # Translators: the last line of a users CSV that Commons cut short.
        yield [ngettext("# Commons stopped answering after %(count)s pages: this export is incomplete. Try again.",
                        "# Commons stopped answering after %(count)s pages: this export is incomplete. Try again.",
                        pages) % {"count": pages}]
        return
    if last.next_cursor is not None and pages >= MAX_PAGES:
        # Translators: the last line of a users CSV that has more matches than it may hold.
        yield [ngettext("# Stopped after %(count)s pages: narrow the search to export the rest.",
                        "# Stopped after %(count)s pages: narrow the search to export the rest.",
                        MAX_PAGES) % {"count": MAX_PAGES}]

