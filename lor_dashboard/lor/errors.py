"""Typed errors for every way an upstream (LOR) call can fail.

Views never look at status codes: they catch these (or let the error
middleware turn them into a page).
"""
from __future__ import annotations


class LORError(Exception):
    """Base class. ``message`` is safe to show to a user: Commons' own words, or ours in the
    request's language."""

    status: int | None = None

    def __init__(self, message: str = "", *, status: int | None = None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


class LORAuthError(LORError):
    """401: the Commons session is missing, unknown or expired."""

    status = 401


class LORForbidden(LORError):
    """403: the session may not do this."""

    status = 403


class LORNotFound(LORError):
    """404: no such id (or an id we refused to send)."""

    status = 404


class LORBadRequest(LORError):
    """400: the upstream refused a parameter or body; ``message`` is its reason."""

    status = 400


class LORRateLimited(LORError):
    """429: too many requests; ``retry_after`` is in seconds when the upstream said."""

    status = 429

    def __init__(self, message: str = "", *, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


class LORUnavailable(LORError):
    """5xx, timeout, connection failure, redirect or a body that is not JSON."""
