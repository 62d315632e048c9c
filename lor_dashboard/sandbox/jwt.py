"""Signed tokens the sandbox accepts at POST /api/sessions (it plays Canvas's
JWT issuer). HMAC-signed ``header.payload.signature`` like a real JWT."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import time

SECRET = os.environ.get("SANDBOX_JWT_SECRET", "sandbox-demo-secret").encode()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def issue(user_id: str, lifetime: int = 300) -> str:
    header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = _b64(json.dumps({"sub": user_id, "exp": int(time.time()) + lifetime}).encode())
    signature = _b64(hmac.new(SECRET, f"{header}.{payload}".encode(), hashlib.sha256).digest())
    return f"{header}.{payload}.{signature}"


def verify(token: str) -> str | None:
    """The user id of a valid, unexpired token, else None."""
    try:
        header, payload, signature = token.split(".")
        expected = _b64(hmac.new(SECRET, f"{header}.{payload}".encode(), hashlib.sha256).digest())
        if not hmac.compare_digest(signature, expected):
            return None
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (ValueError, TypeError):
        return None
    if not isinstance(claims, dict) or claims.get("exp", 0) < time.time():
        return None
    sub = claims.get("sub")
    return sub if isinstance(sub, str) else None
