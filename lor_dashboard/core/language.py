"""The teacher's language, chosen the way Canvas chose it.

In order: what Canvas said when it launched the dashboard (the LTI claim) or, after "Sign in with
Canvas", the Canvas profile's locale; else the language the teacher picked in the footer; else the
browser's Accept-Language; else English. Canvas' own words arrive at sign-in and are kept in the
session with where they came from; a pick in the footer replaces them there (the teacher asked), and
is remembered in a cookie for the pages before the next sign-in. Inside Canvas' frame cookies are
unreliable, so the session is what counts.
"""
from __future__ import annotations

import re

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

SESSION_KEY = "language"
LAUNCH, CANVAS, CHOSEN = "launch", "canvas", "chosen"
_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
_PRIVATE = re.compile(r"-x(-[A-Za-z0-9]{1,8})+$", re.IGNORECASE)  # Canvas' K-12 variants: "nb-x-k12"


def offered(code: object) -> str | None:
    """The offered language for a Canvas or browser code ("pt-BR" → "pt-br", "es-419" → "es",
    "fr-CA" → "fr", "es-x-k12" → "es"), or None for one the dashboard does not speak."""
    tag = _PRIVATE.sub("", str(code or "").strip())[:35]
    if not _TAG.fullmatch(tag):
        return None
    try:
        return translation.get_supported_language_variant(tag.lower())
    except LookupError:
        return None


def remember(session, code: object, source: str) -> bool:
    """Keep a language for this session. The launch's claim is fresher than the Canvas profile read
    after it (a launch's OAuth), so the profile does not replace it. False when not offered."""
    language = offered(code)
    if language is None:
        return False
    kept = session.get(SESSION_KEY) or {}
    if source == CANVAS and kept.get("source") == LAUNCH:
        return False
    if kept != {"code": language, "source": source}:
        session[SESSION_KEY] = {"code": language, "source": source}
    return True


def adopt(request, code: object, source: str) -> None:
    """``remember``, and speak it for the rest of this request too (the page a launch renders)."""
    if remember(request.session, code, source):
        request.LANGUAGE_CODE = request.session[SESSION_KEY]["code"]
        translation.activate(request.LANGUAGE_CODE)


def carried(session) -> dict | None:
    """The language a session speaks, to keep across a flush (sign-in and sign-out start a new session,
    but the person at the screen still reads the same language)."""
    return session.get(SESSION_KEY)


def choose(request) -> str:
    kept = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if kept and offered(kept.get("code")):
        return offered(kept["code"])
    # Django reads the footer's cookie, then Accept-Language, then falls back to LANGUAGE_CODE.
    return translation.get_language_from_request(request)


def html_lang(code: str | None = None) -> str:
    """The BCP 47 tag for <html lang>: "pt-br" → "pt-BR"."""
    first, _, rest = (code or translation.get_language() or settings.LANGUAGE_CODE).partition("-")
    return f"{first}-{rest.upper() if len(rest) == 2 else rest.title()}" if rest else first


class LanguageMiddleware:
    """Activates the chosen language for the request (after SessionMiddleware, which it reads)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = choose(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", html_lang(translation.get_language()))
        return response
