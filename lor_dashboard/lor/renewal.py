"""How a call that Commons answered 401 gets a new session and is sent once more.

The door (``LORClient._request``) asks the caller's ``Renewal`` for a fresh session id and repeats
that one call; nothing else the view did runs again. One ``Renewal`` serves one request: every call
it makes (parallel lanes too) shares it, so a request renews at most once, and once renewed its
later calls use the new id at once instead of meeting the 401 again."""
from __future__ import annotations

import threading
from typing import Callable


class Renewal:
    def __init__(self, renew: Callable[[str], str | None]):
        """``renew(failed_session_id)`` returns a new Commons session id, or None when there is no way."""
        self._renew = renew
        self._lock = threading.Lock()
        self._fresh: str | None = None
        self._tried = False

    def current(self, session_id: str) -> str:
        """The id to send: the renewed one once there is one."""
        return self._fresh or session_id

    def after_401(self, failed: str) -> str | None:
        """A session id to repeat the call with, or None: the 401 stands and the session ends."""
        with self._lock:
            if self._fresh and self._fresh != failed:
                return self._fresh  # another call of this request renewed while this one was out
            if self._tried:
                return None  # renewed once already and Commons refused the new session too
            self._tried = True
            self._fresh = self._renew(failed)
            return self._fresh
