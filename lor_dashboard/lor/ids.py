"""Ids are validated against a conservative allowlist, then percent-quoted.

An id comes from a URL or a form, so it is untrusted: ``../x``, ``a?b`` or
``%2e%2e`` must never reach another upstream route. Real LOR ids are hex
strings and numbers; we allow letters, digits, ``_`` and ``-`` only.
"""
from __future__ import annotations

import re
from urllib.parse import quote

from .errors import LORNotFound

ID_PATTERN = r"[A-Za-z0-9_-]{1,128}"
_ID = re.compile(ID_PATTERN)


def is_valid_id(value: object) -> bool:
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def quote_id(value: object) -> str:
    """Return ``value`` ready for a path segment, or raise LORNotFound."""
    if not is_valid_id(value):
        raise LORNotFound("No such item.")
    return quote(value, safe="")
