"""Opened from Canvas: an LTI 1.3 launch (django-lti on pylti1p3) becomes a signed-in teacher.

What the libraries leave to us (``../shared/lti-and-i18n.md``): a nonce works once (pylti1p3
only checks that it exists, so a replayed id_token would sign in again); every ``LtiException``
is a page, not a 500; state and nonce live in the shared cache (settings: CACHES); the launch
starts from an empty session; and after the launch we keep our own signed-in session rather than
rebuilding the launch from the cache on every request (no ``LtiLaunchMiddleware``).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext
from lti_tool.models import LtiLaunch
from lti_tool.utils import DjangoToolConfig, sync_data_from_launch
from pylti1p3.contrib.django import DjangoCacheDataStorage, DjangoMessageLaunch, DjangoOIDCLogin
from pylti1p3.exception import LtiException

from .models import CanvasGrant

log = logging.getLogger("lor_dashboard.accounts")
CUSTOM = "https://purl.imsglobal.org/spec/lti/claim/custom"
PRESENTATION = "https://purl.imsglobal.org/spec/lti/claim/launch_presentation"
ROLES = "https://purl.imsglobal.org/spec/lti/claim/roles"
ADMIN_ROLES = {
    "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator",
    "http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator",
}
CONNECT_SALT = "lor-lti-connect"
CONNECT_LIFETIME = 15 * 60  # seconds a "Continue in a new tab" link works
SESSION_KEY = "lti"  # what the launch said that pages use: framed, locale, course


class LaunchRefused(Exception):
    """A launch we will not sign in from; ``message`` says why in the teacher's words (and language)."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


class PlatformKeys(requests.Session):
    """How pylti1p3 fetches the platform's JWKS (it sets no timeout of its own): our timeouts, no
    redirects."""

    def request(self, method, url, **kwargs):
        kwargs.setdefault("timeout", (settings.LOR_CONNECT_TIMEOUT, 5))
        kwargs["allow_redirects"] = False
        return super().request(method, url, **kwargs)


PLATFORM_KEYS_CACHED = 300  # seconds: one JWKS fetch per platform per 5 minutes, and a rotated key seen soon


class LaunchStorage(DjangoCacheDataStorage):
    """pylti1p3's cache storage, able to take a nonce once."""

    def take_nonce(self, nonce: str) -> bool:
        # The key pylti1p3's SessionService saved it under; the cache's delete says whether it was
        # there, so of two posts of one id_token at once only one finds it.
        return bool(self._get_cache().delete(self._prepare_key(f"lti1p3-nonce-{nonce}")))


@dataclass(frozen=True)
class Launch:
    """Who Canvas says opened the dashboard, and from where."""

    issuer: str
    client_id: str
    sub: str
    canvas_user_id: str
    canvas_base_url: str
    course_id: str = ""
    locale: str = ""
    is_admin: bool = False
    framed: bool = True

    @property
    def landing(self) -> str:
        """The overview; from a course, that course's updates."""
        if self.course_id:
            return f"{reverse('updates:list')}?{urlencode({'view': 'courses', 'course': self.course_id})}"
        return reverse("overview:home")


def login_redirect(request: HttpRequest, registration_uuid=None):
    """The OIDC login initiation's answer: off to the platform with a fresh state and nonce. The
    launch always comes back to our own launch URL (not the request's ``target_link_uri``). No
    cookie-check page: its inline script would not run under our CSP, and a launch whose cookies
    were blocked gets our own page instead (``missing cookie``)."""
    login = DjangoOIDCLogin(request, DjangoToolConfig(registration_uuid), launch_data_storage=LaunchStorage())
    return login.redirect(request.build_absolute_uri(reverse("accounts:lti_launch")))


def validate(request: HttpRequest) -> Launch:
    """The launch, checked (state, signature, audience, expiry, deployment, message) and its nonce
    used up; else ``LaunchRefused``."""
    storage = LaunchStorage()
    try:
        message = DjangoMessageLaunch(request, DjangoToolConfig(), launch_data_storage=storage,
                                      requests_session=PlatformKeys())
        message.set_public_key_caching(LaunchStorage(), PLATFORM_KEYS_CACHED)
        message.validate()
        data = message.get_launch_data()
        if not storage.take_nonce(str(data.get("nonce", ""))):
            raise LtiException("nonce already used")
    except LtiException as exc:
        log.info("LTI launch refused: %s", exc)
        raise LaunchRefused(_refusal(str(exc))) from exc
    lti_launch = LtiLaunch(message)
    if not lti_launch.deployment.is_active:
        raise LaunchRefused(gettext(
            "This Canvas installation of LOR Dashboard is not set up here yet. Ask your Canvas administrator to "
            "finish the installation (lti_register with this deployment)."), 403)
    if not lti_launch.is_resource_launch:
        raise LaunchRefused(
            gettext("LOR Dashboard opens from Canvas' navigation only; this kind of launch is not supported."))
    sync_data_from_launch(lti_launch)
    return launch_from(data)


def _refusal(reason: str) -> str:
    if reason.startswith("Missing") and "cookie" in reason or reason == "State not found":
        return gettext("Your browser did not keep what this launch needs (it may block cookies inside Canvas). "
                       "Open LOR Dashboard in a new tab from Canvas, or allow cookies for this site.")
    if "nonce" in reason.lower():
        return gettext("This launch was already used. Open LOR Dashboard from Canvas again.")
    return gettext("Canvas' launch could not be verified. Open LOR Dashboard from Canvas again.")


def launch_from(data: dict) -> Launch:
    custom = data.get(CUSTOM) if isinstance(data.get(CUSTOM), dict) else {}
    presentation = data.get(PRESENTATION) if isinstance(data.get(PRESENTATION), dict) else {}
    roles = data.get(ROLES) if isinstance(data.get(ROLES), list) else []
    aud = data.get("aud")
    user_id = _substituted(custom.get("canvas_user_id"))
    if not (user_id.isascii() and user_id.isdigit() and len(user_id) <= 20):
        raise LaunchRefused(gettext(
            "Canvas did not say who you are (the developer key's custom field canvas_user_id is missing). Ask your "
            "Canvas administrator to use the configuration at /lti/config.json."))
    course = _substituted(custom.get("canvas_course_id"))
    return Launch(
        issuer=str(data.get("iss", "")), client_id=str(aud[0] if isinstance(aud, list) and aud else aud or ""),
        sub=str(data.get("sub", "")), canvas_user_id=user_id,
        canvas_base_url=_substituted(custom.get("canvas_api_base_url")).rstrip("/"),
        course_id=course if course.isascii() and course.isdigit() and len(course) <= 20 else "",
        locale=_substituted(custom.get("locale")) or str(presentation.get("locale") or data.get("locale") or "")[:20],
        is_admin=any(role in ADMIN_ROLES for role in roles),
        framed=presentation.get("document_target", "iframe") == "iframe",
    )


def _substituted(value: object) -> str:
    """A custom field's value; Canvas sends an unknown variable literally ("$Canvas.course.id")."""
    return value.strip() if isinstance(value, str) and not value.startswith("$") else ""


def kept_grant(launch: Launch) -> CanvasGrant | None:
    """The newest grant this Canvas user left on this Canvas, if the dashboard signs in there."""
    if not settings.CANVAS_BASE_URL or launch.canvas_base_url != settings.CANVAS_BASE_URL:
        return None
    return (CanvasGrant.objects.filter(canvas_base_url=launch.canvas_base_url, canvas_user_id=launch.canvas_user_id)
            .order_by("-renewed").first())


def check_canvas(launch: Launch) -> None:
    """Only the Canvas the dashboard's API key belongs to can sign a teacher in."""
    if not (settings.CANVAS_BASE_URL and settings.CANVAS_CLIENT_ID and settings.CANVAS_CLIENT_SECRET):
        raise LaunchRefused(gettext("LOR Dashboard has no Canvas API key yet, so it cannot sign you in from Canvas. "
                                    "Ask your Canvas administrator (README: Install in Canvas)."), 503)
    if launch.canvas_base_url != settings.CANVAS_BASE_URL:
        raise LaunchRefused(
            gettext("This LOR Dashboard works with another Canvas than the one you opened it from."), 403)


def connect_token(launch: Launch) -> str:
    """What "Continue in a new tab" carries to the OAuth start: signed, short-lived, no secret in it."""
    return signing.dumps({"u": launch.canvas_user_id, "a": launch.is_admin, "n": launch.landing, "l": launch.locale},
                         salt=CONNECT_SALT)


def read_connect_token(token: str) -> tuple[str, bool, str, str] | None:
    """(Canvas user id, admin, landing, locale) of a valid link, else None."""
    try:
        data = signing.loads(token, salt=CONNECT_SALT, max_age=CONNECT_LIFETIME)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), str) or not isinstance(data.get("n"), str):
        return None
    return data["u"], bool(data.get("a")), data["n"], str(data.get("l") or "")


def remember(request: HttpRequest, launch: Launch) -> None:
    """What later pages use: a compact header in Canvas' frame, the course to show first."""
    request.session[SESSION_KEY] = {"framed": launch.framed, "course": launch.course_id}
