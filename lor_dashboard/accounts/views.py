from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lor_dashboard.core import language
from lor_dashboard.core.access import public
from lor_dashboard.core.next_url import safe_next
from lor_dashboard.core.request import AppRequest
from lor_dashboard.lor import LORAuthError, LORError, LORForbidden
from lor_dashboard.lor.from_settings import get_client

from . import throttle
from .canvas_signin import (
    STATE_COOKIE,
    STATE_LIFETIME,
    SignInProblem,
    finish_oauth,
    oauth_enabled,
    session_from_token,
    start_oauth,
)
from .forms import CanvasTokenForm, SessionIdForm
from .metrics import CANVAS_SIGNINS
from .renewal import forget_grant, keep_grant
from .session import sign_in, sign_out
from .sweep import sweep_now_and_then


def _signin_page(request: AppRequest, *, next_url: str, form=None, token_form=None, problem: str = "", status: int = 200):
    """The sign-in page offers what is configured. An invalid form is a normal page
    (browsers log 4xx documents as errors)."""
    context = {
        "form": form or SessionIdForm(), "token_form": token_form or CanvasTokenForm(), "next": next_url,
        "problem": problem, "oauth": oauth_enabled(), "demo_sessions": settings.LOR_DEMO_SESSIONS,
        "has_errors": bool(problem or (form and form.errors) or (token_form and token_form.errors)),
    }
    return render(request, "accounts/signin.html", context, status=status)


def _complete(request: AppRequest, session_id: str, next_url: str, tokens=None, admin: bool = False,
              locale: str = ""):
    """Every path ends here: check the session, rotate the key, store the user, speak the Canvas
    profile's language (``locale``) when it gave one, go on."""
    session = get_client().get_session(session_id)
    forget_grant(request)  # whoever signed in here before: their Canvas grant is revoked, not left behind
    sweep_now_and_then()
    user = sign_in(request, session_id, session, grant=keep_grant(tokens, session_id) if tokens else "", admin=admin)
    language.adopt(request, locale, language.CANVAS)
    messages.success(request, gettext("Signed in as %(name)s.") % {"name": user.name})  # in the language just adopted
    return redirect(safe_next(request, next_url))


def _next(request: AppRequest) -> str:
    return safe_next(request, request.POST.get("next") or request.GET.get("next"))


def _throttled(request: AppRequest, wait: int, **page) -> HttpResponse:
    minutes = max(1, round(wait / 60))
    problem = ngettext("Too many sign-in attempts failed. Wait %(count)s minute and try again.",
                       "Too many sign-in attempts failed. Wait %(count)s minutes and try again.",
                       minutes) % {"count": minutes}
    response = _signin_page(request, problem=problem, status=429, **page)
    response["Retry-After"] = str(wait)
    return response


@public
@require_http_methods(["GET", "POST"])
def signin(request: AppRequest):
    next_url = _next(request)
    form = SessionIdForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        counters = throttle.keys(request, form.cleaned_data["session_id"])
        if wait := throttle.retry_after(counters):
            return _throttled(request, wait, next_url=next_url, form=form)
        try:
            response = _complete(request, form.cleaned_data["session_id"], next_url)
        except (LORAuthError, LORForbidden):
            throttle.failed(counters)
            form.add_error("session_id", gettext("Commons did not accept this session id. Check it and try again."))
        except LORError:
            form.add_error(None, gettext(
                "Commons could not be reached, so we could not check the session id. Try again in a moment."))
            return _signin_page(request, next_url=next_url, form=form, status=503)
        else:
            throttle.succeeded(counters)
            return response
    return _signin_page(request, next_url=next_url, form=form)


@public
@require_GET
def canvas_start(request: AppRequest):
    if not oauth_enabled():
        return redirect("accounts:signin")
    return to_canvas(request, _next(request))


def to_canvas(request: AppRequest, next_url: str, expect_user: str = "", launch_admin: bool = False) -> HttpResponse:
    """Off to Canvas to approve, the state bound to this browser by a cookie."""
    url, state = start_oauth(request.build_absolute_uri(reverse("accounts:canvas_callback")), next_url,
                             expect_user, launch_admin)
    response = redirect(url)
    response.set_signed_cookie(STATE_COOKIE, state, salt=STATE_COOKIE, max_age=int(STATE_LIFETIME.total_seconds()),
                               path=reverse("accounts:canvas_start"), secure=settings.SESSION_COOKIE_SECURE,
                               httponly=True, samesite="Lax")
    return response


@public
@require_GET
def canvas_callback(request: AppRequest):
    try:
        bound = request.get_signed_cookie(STATE_COOKIE, "", salt=STATE_COOKIE)
        done = finish_oauth(request, request.build_absolute_uri(reverse("accounts:canvas_callback")), bound)
        response = _complete(request, done.session_id, done.next_url, done.tokens, admin=done.launch_admin,
                             locale=done.locale)
    except SignInProblem as problem:
        CANVAS_SIGNINS.labels("refused").inc()
        response = _signin_page(request, next_url="/", problem=problem.message)
    except LORError:
        response = _signin_page(request, next_url="/",
                                problem=gettext("Commons could not be reached. Try again in a moment."))
    else:
        CANVAS_SIGNINS.labels("ok").inc()
    response.delete_cookie(STATE_COOKIE, path=reverse("accounts:canvas_start"))
    return response


@public
@require_POST
def token_signin(request: AppRequest):
    next_url = _next(request)
    token_form = CanvasTokenForm(request.POST)
    if token_form.is_valid():
        counters = throttle.keys(request, token_form.cleaned_data["token"])
        if wait := throttle.retry_after(counters):
            return _throttled(request, wait, next_url=next_url, token_form=token_form)
        try:
            session_id, locale = session_from_token(token_form.cleaned_data["canvas_url"],
                                                    token_form.cleaned_data["token"])
            response = _complete(request, session_id, next_url, locale=locale)
        except SignInProblem as problem:
            throttle.failed(counters)
            token_form.add_error(None, problem.message)
        except LORError:
            token_form.add_error(None, gettext("Commons could not be reached. Try again in a moment."))
        else:
            throttle.succeeded(counters)
            return response
    return _signin_page(request, next_url=next_url, token_form=token_form)


@public
@require_POST
def signout(request: AppRequest):
    user = request.lor_user
    if user is not None:
        try:
            # Not renewed to be ended: an expired Commons session is ended already.
            get_client().logout(replace(user.credentials, renewal=None))
        except LORError:
            pass  # the local session ends regardless
        forget_grant(request)
    sign_out(request)
    messages.info(request, gettext("You have signed out."))
    response = redirect("accounts:signin")
    response["Clear-Site-Data"] = '"cache", "storage"'
    return response


@public
@require_POST
def choose_language(request: AppRequest):
    """The footer's language menu: kept in the session (it outranks what Canvas said, since the teacher
    asked) and in a cookie for the pages before the next sign-in; back to the page it was chosen on."""
    code = language.offered(request.POST.get("language"))
    response = redirect(safe_next(request, request.POST.get("next") or _referring_path(request)))
    if code is not None and code == request.POST.get("language"):
        language.adopt(request, code, language.CHOSEN)
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, code, max_age=settings.LANGUAGE_COOKIE_AGE,
                            secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                            samesite=settings.LANGUAGE_COOKIE_SAMESITE)
    return response


def _referring_path(request: AppRequest) -> str:
    """The page the form was on, when it was on this site (a page shown after a POST has no path of its own)."""
    referer = urlsplit(request.headers.get("Referer", ""))
    if referer.netloc != request.get_host():
        return "/"
    return referer.path + (f"?{referer.query}" if referer.query else "")
