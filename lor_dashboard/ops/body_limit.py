"""Request bodies are small forms: no endpoint takes uploads. A body longer than
``DATA_UPLOAD_MAX_MEMORY_SIZE`` is refused before a byte of it is read, multipart included (Django's
own limit does not cover file parts, which it would spool to a temp file on disk; settings also keep
file parts in memory only, so within the limit nothing reaches the disk either)."""
from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext


class BodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = request.META.get("CONTENT_LENGTH") or "0"
        if not (length.isascii() and length.isdigit()) or int(length) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            # Before the session is read: the language the browser asks for (the footer's cookie, else Accept-Language).
            with translation.override(translation.get_language_from_request(request)):
                return _refuse(413, gettext("That request is too large."))
        return self.get_response(request)


def _refuse(status: int, text: str) -> HttpResponse:
    return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")
