from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from lor_dashboard.lor import LORAuthError, LORError, LORForbidden
from lor_dashboard.lor.default import get_client

from .forms import SessionIdForm
from .middleware import public
from .navigation import safe_next
from .session import sign_in, sign_out


@public
@require_http_methods(["GET", "POST"])
def signin(request):
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    form = SessionIdForm(request.POST or None)
    status = 200  # an invalid form is a normal page; browsers log 4xx documents as errors
    if request.method == "POST" and form.is_valid():
        session_id = form.cleaned_data["session_id"]
        try:
            session = get_client().get_session(session_id)
        except (LORAuthError, LORForbidden):
            form.add_error("session_id", "Commons did not accept this session id. Check it and try again.")
        except LORError:
            form.add_error(None, "Commons could not be reached, so we could not check the session id. Try again in a moment.")
            status = 503
        else:
            user = sign_in(request, session_id, session)
            messages.success(request, f"Signed in as {user.name}.")
            return redirect(next_url)
    context = {"form": form, "next": next_url, "demo_sessions": settings.LOR_DEMO_SESSIONS}
    return render(request, "accounts/signin.html", context, status=status)


@public
@require_POST
def signout(request):
    user = request.lor_user
    if user is not None:
        try:
            get_client().logout(user.credentials)
        except LORError:
            pass  # the local session ends regardless
    sign_out(request)
    messages.info(request, "You have signed out.")
    response = redirect("accounts:signin")
    response["Clear-Site-Data"] = '"cache", "storage"'
    return response
