"""Imported resources with what a teacher needs beside each: where its copies are (this dashboard's
import history) and whether an update is waiting (Commons' pending updates)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from lor_dashboard.core import history
from lor_dashboard.core.history import Copy
from lor_dashboard.core.listing import IMPORT_SORTS, Listing
from lor_dashboard.lor import Credentials, LORClient, Resource, Update, walk_all
from lor_dashboard.lor.parallel import gather

PAGE_SIZE = 100  # imports asked for per call: one call for most teachers
MAX_IMPORT_PAGES = 10  # filter and sort cover at most this many pages of imports
MAX_UPDATE_PAGES = 20  # "update available" from at most this many pages of updates


@dataclass(frozen=True)
class ImportsPage:
    listing: Listing  # every import read, narrowed by the page's ?q=&type=&sort=
    truncated: bool  # Commons holds more imports than were read
    favorite_ids: set[str] | None  # None: favorites could not be loaded (no star rather than a wrong one)
    updates: dict[str, Update] | None  # resource id: its pending update; None: they could not be loaded
    copies: dict[str, dict[str, Copy]]  # resource id (of the cards shown): the courses known to hold it

    def copies_of(self, resource: Resource) -> list[Copy]:
        return sorted(self.copies.get(resource.id, {}).values(), key=lambda c: (c.course_name or c.course_id).casefold())


def load(client: LORClient, creds: Credentials, params: Mapping[str, str]) -> ImportsPage:
    """Every import (so the filter and sort see them all), the favorites and the pending updates,
    at once; then the history of the cards shown."""
    results = gather(
        imports=lambda: walk_all(lambda c: client.list_imports(creds, c, size=PAGE_SIZE), MAX_IMPORT_PAGES),
        favorites=lambda: client.list_favorites(creds),
        updates=lambda: walk_all(lambda c: client.list_updates(creds, c), MAX_UPDATE_PAGES),
    )
    if not results["imports"].ok:
        raise results["imports"].error
    imports, favorites, updates = results["imports"].value, results["favorites"], results["updates"]
    listing = Listing.of(imports.items, params, IMPORT_SORTS)
    pending = {u.resource.id: u for u in updates.value.items} if updates.ok else None
    shown = listing.cards
    imported = history.imported_copies(creds.user_id, [r.id for r in shown])
    copies = {}
    for r in shown:
        update = (pending or {}).get(r.id)
        # The imports list carries no versions; a pending update's resource does.
        copies[r.id] = history.copies(update.resource if update else r, imported.get(r.id, {}), history.older_copies(update))
    return ImportsPage(listing, imports.truncated, {r.id for r in favorites.value} if favorites.ok else None, pending, copies)
