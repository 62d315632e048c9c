"""Every request gets an id: the proxy's ``X-Request-ID`` when it is a sane token, else a new one.
It is in every log line of the request (threads of ``parallel.gather`` included: they run in a copy
of the request's context), in the response header, and on error pages as "Reference: …"."""
from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
SANE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,127}")

_current: ContextVar[str] = ContextVar("request_id", default="-")


def current() -> str:
    return _current.get()


def choose(incoming: str | None) -> str:
    return incoming if incoming and SANE.fullmatch(incoming) else uuid.uuid4().hex


class RequestIdMiddleware:
    """First in the stack, so every line logged while handling the request carries the id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.request_id = choose(request.headers.get(HEADER))
        token = _current.set(request.request_id)
        try:
            response = self.get_response(request)
            response[HEADER] = request.request_id
            return response
        finally:
            _current.reset(token)


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record (``-`` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _current.get()
        return True
