from __future__ import annotations

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_GET

from lor_dashboard.lor import LORNotFound
from lor_dashboard.lor.default import get_client


@require_GET
def profile(request, user_id: str):
    """Off to the person's Canvas profile, or a page saying there is none."""
    try:
        url = get_client().get_profile_url(request.lor_user.credentials, user_id)
    except LORNotFound:
        return render(request, "people/no_profile.html", {"unknown": True}, status=404)
    if url is None:
        return render(request, "people/no_profile.html", {"unknown": False})
    return HttpResponseRedirect(url)
