from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from lor_dashboard.core.request import SignedInRequest
from lor_dashboard.lor.from_settings import get_client

from .service import load_overview


@require_GET
def home(request: SignedInRequest):
    overview = load_overview(get_client(), request.lor_user.credentials)
    return render(request, "overview/home.html", {"overview": overview})
