"""Imported resources with what a teacher needs beside each: where its copies are (this dashboard's
import history) and whether an update is waiting (Commons' pending updates)."""
from __future__ import annotations

from dataclasses import dataclass

from lor_dashboard.core import history
from lor_dashboard.core.history import Copy
from lor_dashboard.lor import Credentials, LORClient, Page, Resource, Update, walk_all
from lor_dashboard.lor.parallel import gather

MAX_UPDATE_PAGES = 20  # "update available" from at most this many pages of updates


@dataclass(frozen=True)
class ImportsPage:
    page: Page[Resource]
    favorite_ids: set[str] | None  # None: favorites could not be loaded (no star rather than a wrong one)
    updates: dict[str, Update] | None  # resource id: its pending update; None: they could not be loaded
    copies: dict[str, dict[str, Copy]]  # resource id: the courses known to hold it

    def copies_of(self, resource: Resource) -> list[Copy]:
        return sorted(self.copies.get(resource.id, {}).values(), key=lambda c: (c.course_name or c.course_id).casefold())


def load(client: LORClient, creds: Credentials, cursor: str | None) -> ImportsPage:
    """A page of imports, the favorites and the pending updates, at once; then the history."""
    results = gather(
        page=lambda: client.list_imports(creds, cursor),
        favorites=lambda: client.list_favorites(creds),
        updates=lambda: walk_all(lambda c: client.list_updates(creds, c), MAX_UPDATE_PAGES),
    )
    if not results["page"].ok:
        raise results["page"].error
    page, favorites, updates = results["page"].value, results["favorites"], results["updates"]
    pending = {u.resource.id: u for u in updates.value.items} if updates.ok else None
    imported = history.imported_copies(creds.user_id, [r.id for r in page.items])
    copies = {}
    for r in page.items:
        update = (pending or {}).get(r.id)
        # The imports list carries no versions; a pending update's resource does.
        copies[r.id] = history.copies(update.resource if update else r, imported.get(r.id, {}), history.older_copies(update))
    return ImportsPage(page, {r.id for r in favorites.value} if favorites.ok else None, pending, copies)
