"""The overview's three counts and recent updates, fetched at once."""
from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext, ngettext

from lor_dashboard.lor import Credentials, LORClient, Page, Update
from lor_dashboard.lor.dates import OLDEST
from lor_dashboard.lor.parallel import Outcome, gather

RECENT = 5


@dataclass(frozen=True)
class Count:
    label: str = ""  # "30", or "10+" when the upstream gave no total
    failed: bool = False


@dataclass(frozen=True)
class Overview:
    favorites: Count
    imports: Count
    updates: Count
    recent_updates: tuple[Update, ...]

    @property
    def next_step(self) -> tuple[str, str]:
        """(what to do next, the URL name to do it at): updates to review first, else finding resources."""
        if not self.updates.failed and self.updates.label not in ("", "0"):
            label = self.updates.label  # "3", or "10+": more than 10
            n = int(label.rstrip("+")) + label.endswith("+")
            # Translators: the overview's main button; %(count)s may be "10+" (at least 10).
            step = ngettext("Review %(count)s update to resources you imported",
                            "Review %(count)s updates to resources you imported", n) % {"count": label}
            return (step, "updates:list")
        if self.imports.label == "0" and self.favorites.label == "0":
            return (gettext("Find resources in Commons to start"), "resources:search")
        return (gettext("Find resources to add to your courses"), "resources:search")

    @property
    def sections(self) -> list[tuple[str, str, str, Count]]:
        """(heading, what to say when its count failed, list URL name, count) of each count card, in page order."""
        return [(gettext("Favorites"), gettext("Favorites could not be loaded."), "favorites:list", self.favorites),
                (gettext("Imported resources"), gettext("Imports could not be loaded."), "imports:list", self.imports),
                (gettext("Pending updates"), gettext("Updates could not be loaded."), "updates:list", self.updates)]


def _page_count(page: Page) -> str:
    if page.count is not None:
        return str(page.count)
    return f"{len(page.items)}+" if page.next_cursor else str(len(page.items))


def _count(outcome: Outcome, label) -> Count:
    return Count(label=label(outcome.value)) if outcome.ok else Count(failed=True)


def load_overview(client: LORClient, creds: Credentials) -> Overview:
    results = gather(
        favorites=lambda: client.count_favorites(creds),
        imports=lambda: client.list_imports(creds),
        updates=lambda: client.list_updates(creds),
    )
    updates = results["updates"]
    recent = sorted(updates.value.items, key=lambda u: u.last_update_date or OLDEST, reverse=True) if updates.ok else []
    return Overview(
        favorites=_count(results["favorites"], str),
        imports=_count(results["imports"], _page_count),
        updates=_count(updates, _page_count),
        recent_updates=tuple(recent[:RECENT]),
    )
