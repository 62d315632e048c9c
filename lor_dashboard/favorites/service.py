"""Favorites work the views need: removing and restoring many at once."""
from __future__ import annotations

from lor_dashboard.core.bulk import BulkReport, act_on_each
from lor_dashboard.lor import Credentials, LORClient, LORNotFound


def remove_favorites(client: LORClient, creds: Credentials, ids: list[str]) -> BulkReport:
    """Each at once. Not found means already gone: what the teacher asked for."""
    return act_on_each(ids, lambda rid: client.remove_favorite(creds, rid), done_anyway=LORNotFound)


def restore_favorites(client: LORClient, creds: Credentials, ids: list[str]) -> BulkReport:
    return act_on_each(ids, lambda rid: client.add_favorite(creds, rid))
