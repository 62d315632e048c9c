"""Something that shows resources, together with which of them are favorites, fetched at once."""
from __future__ import annotations

from typing import Callable, TypeVar

from lor_dashboard.lor import Credentials, LORClient
from lor_dashboard.lor.parallel import gather

T = TypeVar("T")


def with_stars(client: LORClient, creds: Credentials, fetch_page: Callable[[], T]) -> tuple[T, set[str] | None]:
    """What ``fetch_page`` returns (its errors raised), and the favorite ids, or None when
    the favorites call failed: then no star is shown rather than a wrong one."""
    results = gather(page=fetch_page, favorites=lambda: client.list_favorites(creds))
    if not results["page"].ok:
        raise results["page"].error
    favorites = results["favorites"]
    return results["page"].value, ({r.id for r in favorites.value} if favorites.ok else None)
