"""LTI 1.3: the tool's keys, Canvas' developer key JSON, the OIDC login, the launch, and the
"Continue in a new tab" that runs Canvas' OAuth once at top level (README: Install in Canvas)."""
from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from lti_tool.models import Key
from pylti1p3.exception import LtiException, OIDCException

from lor_dashboard.core import language
from lor_dashboard.core.access import public
from lor_dashboard.core.request import AppRequest
from lor_dashboard.lor import LORError
from lor_dashboard.lor.from_settings import get_client

from . import lti_launch
from .lti_launch import LaunchRefused
from .models import CanvasGrant
from .renewal import session_from_grant
from .session import sign_in, sign_out
from .views import to_canvas

# Canvas' developer key JSON: what an administrator pastes into Canvas, not a page (not translated).
TITLE = "LOR Dashboard"
DESCRIPTION = "Find Canvas Commons resources, keep favorites, and work through updates course by course."


def _refused(request: AppRequest, message: str, status: int = 400) -> HttpResponse:
    return render(request, "accounts/lti_problem.html", {"detail": message}, status=status)


@public
@require_GET
def jwks(request: AppRequest):
    """The tool's public keys (active ones), for the platform to check what we sign."""
    response = JsonResponse(Key.objects.as_jwks())
    patch_cache_control(response, public=True, max_age=300)
    return response


@public
@require_GET
def config(request: AppRequest):
    """Canvas' developer key JSON (Admin → Developer Keys → + LTI Key → Paste JSON).

    Privacy level ``name_only``: the dashboard needs the teacher's Canvas user id (a custom field,
    sent at every level) and shows a name; it has no use for an email address."""
    launch_url = request.build_absolute_uri(reverse("accounts:lti_launch"))
    icon = request.build_absolute_uri(settings.STATIC_URL + "favicon.svg")
    placement = {"message_type": "LtiResourceLinkRequest", "target_link_uri": launch_url, "text": TITLE,
                 "icon_url": icon}
    return JsonResponse({
        "title": TITLE,
        "description": DESCRIPTION,
        "oidc_initiation_url": request.build_absolute_uri(reverse("accounts:lti_login")),
        "target_link_uri": launch_url,
        "public_jwk_url": request.build_absolute_uri(reverse("accounts:lti_jwks")),
        "scopes": [],
        "custom_fields": {
            "canvas_user_id": "$Canvas.user.id",
            "canvas_api_base_url": "$Canvas.api.baseUrl",
            "canvas_course_id": "$Canvas.course.id",
            "locale": "$Message.locale",
        },
        "extensions": [{
            "platform": "canvas.instructure.com",
            "privacy_level": "name_only",
            "settings": {"placements": [{"placement": "global_navigation", **placement},
                                        {"placement": "course_navigation", **placement}]},
        }],
    })


@public
@csrf_exempt  # the platform's form: the state and the signed id_token are the checks
@require_http_methods(["GET", "POST"])
def login(request: AppRequest, registration_uuid=None):
    try:
        return lti_launch.login_redirect(request, registration_uuid)
    except (LtiException, OIDCException, ObjectDoesNotExist):
        return _refused(request, gettext("Canvas' request to open LOR Dashboard did not match an installation here. "
                                         "Ask your Canvas administrator to check the LTI registration."))


@public
@csrf_exempt  # the platform posts the id_token; it is checked below (state, signature, nonce)
@require_POST
def launch(request: AppRequest):
    sign_out(request)  # a launch starts from nothing: whoever used this browser before leaves nothing behind
    try:
        opened = lti_launch.validate(request)
        language.adopt(request, opened.locale, language.LAUNCH)  # every page from here on, refusals included
        lti_launch.check_canvas(opened)
    except LaunchRefused as refused:
        return _refused(request, refused.message, refused.status)
    except ObjectDoesNotExist:  # no tool key yet: lti_register was never run
        return _refused(request, gettext("LOR Dashboard is not installed completely (it has no signing key). "
                                         "Ask your Canvas administrator to run lti_register."), 503)
    grant = lti_launch.kept_grant(opened)
    if grant is not None and (response := _sign_in_with(request, grant, opened)) is not None:
        return response
    # First time (or Canvas no longer honours the grant): Canvas' OAuth once, at top level.
    connect = f"{reverse('accounts:lti_connect')}?t={lti_launch.connect_token(opened)}"
    if not opened.framed:
        return redirect(connect)
    return render(request, "accounts/lti_continue.html", {"connect_url": connect})


def _sign_in_with(request: AppRequest, grant: CanvasGrant, opened: lti_launch.Launch) -> HttpResponse | None:
    session_id = session_from_grant(grant)
    if session_id is None:
        return None
    try:
        session = get_client().get_session(session_id)
    except LORError:
        return _refused(request, gettext(
            "Commons could not be reached. Open LOR Dashboard from Canvas again in a moment."), 503)
    CanvasGrant.objects.filter(pk=grant.pk).update(renewed=timezone.now())  # in use: the sweep keeps it
    sign_in(request, session_id, session, grant=str(grant.pk), admin=opened.is_admin)
    lti_launch.remember(request, opened)
    return redirect(opened.landing)


@public
@require_GET
def connect(request: AppRequest):
    """From "Continue in a new tab": Canvas' OAuth for the teacher the launch named (a token of
    anyone else is refused when it comes back)."""
    link = lti_launch.read_connect_token(request.GET.get("t", ""))
    if link is None:
        return _refused(request, gettext("This link has expired. Open LOR Dashboard from Canvas again."))
    canvas_user_id, admin, landing, locale = link
    language.adopt(request, locale, language.LAUNCH)  # kept through the OAuth: the launch's word outranks the profile's
    return to_canvas(request, landing, expect_user=canvas_user_id, launch_admin=admin)
