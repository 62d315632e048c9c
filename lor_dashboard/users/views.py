from __future__ import annotations

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy, ngettext
from django.views.decorators.http import require_GET

from lor_dashboard.core.csv_stream import csv_response
from lor_dashboard.core.next_url import with_query
from lor_dashboard.core.rendering import cursor_param, more_loaded, render_page
from lor_dashboard.core.request import SignedInRequest
from lor_dashboard.lor import MAX_QUERY, MIN_SEARCH_LENGTH, LORForbidden, LORNotFound
from lor_dashboard.lor.from_settings import get_client

from .export import user_rows

FORBIDDEN = gettext_lazy("User search is for Commons admins and group managers.")


@require_GET
def profile(request: SignedInRequest, user_id: str):
    """Off to the person's Canvas profile, or a page saying there is none."""
    try:
        url = get_client().get_profile_url(request.lor_user.credentials, user_id)
    except LORNotFound:
        return render(request, "users/no_profile.html", {"unknown": True}, status=404)
    if url is None:
        return render(request, "users/no_profile.html", {"unknown": False})
    return HttpResponseRedirect(url)


def _query(request: SignedInRequest) -> str:
    return request.GET.get("q", "")[:MAX_QUERY]


@require_GET
def user_search(request: SignedInRequest):
    """Search as you type. Group managers are not flagged in the session, so the
    page is open to all and a 403 from Commons becomes a plain explanation."""
    q = _query(request)
    cursor = cursor_param(request)
    context = {"q": q, "short": len(q.strip()) < MIN_SEARCH_LENGTH,
               "focus_first": cursor is not None}
    # Said once: the hint on the page, and what a screen reader hears as the user types.
    context["hint"] = announce = ngettext(
        "Type at least %(count)s character of a name or e-mail.", "Type at least %(count)s characters of a name or e-mail.",
        MIN_SEARCH_LENGTH) % {"count": MIN_SEARCH_LENGTH} if context["short"] else ""
    if not context["short"]:
        try:
            page = context["page"] = get_client().search_users(request.lor_user.credentials, q, cursor)
        except LORForbidden:
            context["forbidden"] = announce = str(FORBIDDEN)
        else:
            context["count_text"] = _matches(page, q)
            context["csv_url"] = with_query(reverse("users:csv"), {"q": q})
            context["more_url"] = with_query("", {"q": q, "cursor": page.next_cursor}) if page.next_cursor else ""
            n = len(page.items)
            announce = more_loaded(
                cursor, n, ngettext("%(count)s more user loaded.", "%(count)s more users loaded.", n) % {"count": n},
                gettext("No more users.")) or context["count_text"]
    # "Load more" swaps rows into the table; typing swaps the whole result area.
    more = cursor is not None and "page" in context  # rows to add; else (too short, refused) the whole area
    title = "" if cursor else gettext("Users: %(words)s") % {"words": q} if q else gettext("Users")
    return render_page(request, "users/search.html", context, partial="rows" if more else "results",
                       title=title, announce=announce)


def _matches(page, q: str) -> str:
    if not page.items:
        return gettext("No users match “%(words)s”.") % {"words": q}
    if page.count is None:
        return gettext("Users matching “%(words)s”.") % {"words": q}
    return ngettext("%(count)s user match “%(words)s”.", "%(count)s users match “%(words)s”.", page.count) % {
        "count": page.count, "words": q}


@require_GET
def user_csv(request: SignedInRequest):
    q = _query(request)
    client, creds = get_client(), request.lor_user.credentials
    if len(q.strip()) < MIN_SEARCH_LENGTH:
        return HttpResponseRedirect(with_query(reverse("users:search"), {"q": q}))
    try:
        first = client.search_users(creds, q)
    except LORForbidden:
        return render(request, "users/search.html",
                      {"q": q, "forbidden": str(FORBIDDEN)})
    return csv_response(user_rows(client, creds, q, first), "users.csv")
