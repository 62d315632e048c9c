"""Encryption at rest for Canvas tokens: Fernet, with rotatable keys.

``CANVAS_TOKEN_KEYS`` lists Fernet keys, newest first: the first encrypts, all decrypt,
so a key can be rotated in without signing anyone out. Without it, one key is derived
from ``SECRET_KEY``.
"""
from __future__ import annotations

import base64
import hashlib
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...], secret_key: str) -> MultiFernet:
    if not keys:
        keys = (base64.urlsafe_b64encode(hashlib.sha256(f"canvas-tokens:{secret_key}".encode()).digest()).decode(),)
    return MultiFernet([Fernet(k) for k in keys])


def _current() -> MultiFernet:
    return _fernet(tuple(settings.CANVAS_TOKEN_KEYS), settings.SECRET_KEY)


def seal(value: str) -> str:
    return _current().encrypt(value.encode()).decode()


def unseal(value: str) -> str:
    """The plain value, or "" when it cannot be decrypted (a key was retired)."""
    try:
        return _current().decrypt(value.encode()).decode()
    except (InvalidToken, ValueError):
        return ""
