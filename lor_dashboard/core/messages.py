"""Messages ("Removed 1 favorite." and its Undo) for a signed-in browser live one row each
(core/kept.py), like the Undo they offer: in the session, two requests finishing at once would
each write back their own list and one teacher's message would be lost. Taken when read, so two
tabs do not both show one message. Before sign-in there is no owner: the session holds them."""
from __future__ import annotations

import secrets

from django.contrib.messages.storage.session import SessionStorage
from django.db import connections, router

from . import kept
from .models import Kept

KIND = "message"


def _any(owner: str) -> bool:
    """Whether this sign-in has a message waiting: asked on every page, so in one plain statement
    (the ORM builds and compiles its query each time: ~0.2 ms of a page, bench/README.md)."""
    connection = connections[router.db_for_read(Kept)]
    table = connection.ops.quote_name(Kept._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {table} WHERE owner = %s AND kind = %s LIMIT 1", [owner, KIND])
        return cursor.fetchone() is not None


class KeptMessageStorage(SessionStorage):
    def _get(self, *args, **kwargs):
        messages, _ = super()._get(*args, **kwargs)
        messages = list(messages or [])
        owner = kept.owner_of(self.request)
        rows = list(Kept.objects.filter(owner=owner, kind=KIND).order_by("pk")) if owner and _any(owner) else []
        # One read on every page; a delete only when there is something to take, and a row is
        # shown only by the request whose delete took it (another tab may have been first).
        for row in rows:
            if Kept.objects.filter(pk=row.pk).delete()[0]:
                self._taken = True
                messages += self.deserialize_messages(row.value) or []
        return messages, True

    def _store(self, messages, response, *args, **kwargs):
        owner = kept.owner_of(self.request)
        if not owner:
            return super()._store(messages, response, *args, **kwargs)
        self.request.session.pop(self.session_key, None)  # what was shown before sign-in is read
        if messages:
            Kept.objects.create(owner=owner, kind=KIND, key=secrets.token_urlsafe(12),
                                value=self.serialize_messages(messages))
        return []

    def discard(self) -> None:
        """Forget every message, read or queued, so neither this response nor a later one shows
        them (a sign-out, or an LTI launch by someone else, in this browser)."""
        list(self)  # taken from the table
        self._loaded_data, self._queued_messages = [], []
        self.used = True

    def update(self, response):
        # Taken from the table but neither shown nor added to (a redirect that looked): put back.
        if getattr(self, "_taken", False) and not self.used and not self.added_new:
            return self._store(self._loaded_messages, response)
        return super().update(response)
