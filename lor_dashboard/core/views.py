from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from lor_dashboard.accounts.middleware import public
from lor_dashboard.lor.default import get_client

from .overview import load_overview


@require_GET
def home(request):
    overview = load_overview(get_client(), request.lor_user.credentials)
    return render(request, "core/home.html", {"overview": overview})


@public
@require_GET
def healthz(request):
    """200 whenever the app is up; says whether the upstream answered."""
    upstream = "ok" if get_client().ping() else "unreachable"
    return JsonResponse({"status": "ok", "upstream": upstream})
