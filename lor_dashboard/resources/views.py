from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET, require_POST

from lor_dashboard.core import history, kept, offered
from lor_dashboard.core.course_boxes import CourseBoxes
from lor_dashboard.core.next_url import with_query
from lor_dashboard.core.rendering import cursor_param, more_loaded, render_page
from lor_dashboard.core.request import SignedInRequest
from lor_dashboard.core.stars import with_stars
from lor_dashboard.core.text import TYPE_LABELS, listed
from lor_dashboard.lor import RESOURCE_TYPES, LORNotFound
from lor_dashboard.lor.from_settings import get_client

from .service import CHOICE_ERRORS, Search, check_choice, load_resource_page, offer_of

# The search's type filter: the contract's types, in its order, as a teacher says them.
TYPES = [(t, TYPE_LABELS[t]) for t in RESOURCE_TYPES]  # a type without a label fails here, at start
BOXES = CourseBoxes("resources/detail.html", "resources:detail", group="import-fieldset", error_id="import-error",
                    words=CHOICE_ERRORS)


@require_GET
def resource_search(request: SignedInRequest):
    """Search Commons as you type; without a query, the newest resources. "Load more" by cursor."""
    search = Search.of(request.GET)
    cursor = cursor_param(request)
    client, creds = get_client(), request.lor_user.credentials
    page, favorite_ids = with_stars(
        client, creds, lambda: client.search_resources(creds, search.q, search.types, cursor))
    context = {"search": search, "page": page, "favorite_ids": favorite_ids, "types": TYPES,
               "next": request.get_full_path(), "focus_first": cursor is not None, "count_text": _matches(page, search),
               "more_url": with_query("", search.query(cursor=page.next_cursor)) if page.next_cursor else ""}
    if cursor:
        n = len(page.items)
        loaded = ngettext("%(count)s more resource loaded.", "%(count)s more resources loaded.", n) % {"count": n}
        return render_page(request, "resources/search.html", context, partial="page",
                           announce=more_loaded(cursor, n, loaded, gettext("No more resources.")))
    title = gettext("Find resources: %(words)s") % {"words": search.q} if search.q else gettext("Find resources")
    return render_page(request, "resources/search.html", context, partial="results", title=title,
                       announce=context["count_text"])


def _matches(page, search: Search) -> str:
    words = {"words": search.q, "count": page.count}
    if not page.items and search.q:
        return gettext("No resources match “%(words)s”.") % words
    if not page.items:
        return gettext("No resources of these types.")
    if page.count is None:
        return gettext("Resources matching “%(words)s”.") % words if search.q else gettext("The newest resources.")
    if search.q:
        return ngettext("%(count)s resource match “%(words)s”.", "%(count)s resources match “%(words)s”.",
                        page.count) % words
    return ngettext("%(count)s resource, newest first.", "%(count)s resources, newest first.", page.count) % words


@require_GET
def resource_detail(request: SignedInRequest, resource_id: str):
    """The resource, its history, the star, and "Import into courses"."""
    client, creds = get_client(), request.lor_user.credentials
    try:
        loaded = load_resource_page(client, creds, resource_id)
    except LORNotFound:
        return render(request, "resources/gone.html", status=404)
    offered.remember(request, offered.IMPORT, resource_id, offer_of(loaded))
    error = BOXES.kept_error(request, resource_id)
    context = {"loaded": loaded, "r": loaded.resource, "resource_id": resource_id, "next": request.path,
               "error": error, "has_errors": bool(error), "chosen": set(request.GET.getlist("course_ids")),
               "focus_import": request.GET.get("focus") == "import"}
    return render_page(request, "resources/detail.html", context, partial="import_section")


IMPORTING = "importing"


@require_POST
def resource_import(request: SignedInRequest, resource_id: str):
    """One import call with the chosen courses; a confirmation first when one holds a copy already."""
    user = request.lor_user
    known = offered.recall_or_load(request, offered.IMPORT, resource_id, lambda: offer_of(
        load_resource_page(get_client(), user.credentials, resource_id, stars=False)))
    # Imported since the page was shown (another tab, a submit before): that course holds a copy now.
    held = known.held | set(history.imported_copies(user.user_id, [resource_id], known.courses).get(resource_id, {}))
    title = known.title
    choice = check_choice(request.POST.getlist("course_ids"), known.courses, held, sure=known.sure)
    if choice.error:
        return BOXES.refuse(request, resource_id, choice.problem)
    if choice.overwrites and request.POST.get("confirm") != "yes":
        chosen = [("course_ids", cid) for cid, _ in choice.courses]
        cancel = with_query(reverse("resources:detail", args=[resource_id]), [("focus", "import"), *chosen])
        context = {"title": title, "choice": choice, "resource_id": resource_id, "cancel_url": cancel, "hidden": chosen}
        return render_page(request, "resources/confirm_import.html", context, partial="confirm")
    # One import of a resource at a time per browser: a second submit while the first is in flight
    # (a double click, two tabs) would otherwise import twice before either is recorded.
    if not kept.hold(user.owner, IMPORTING, resource_id):
        messages.info(request, gettext("“%(title)s” is being imported already: see the outcome on its page.") % {
            "title": title}, extra_tags="focus")
        return redirect("resources:detail", resource_id=resource_id)
    try:
        get_client().import_resource(user.credentials, resource_id, courses=choice.courses)  # one call, every course
        history.record(user.user_id, resource_id, known.version, choice.courses)
    finally:
        kept.release(user.owner, IMPORTING, resource_id)
    n = len(choice.courses)
    names = listed(name or cid for cid, name in choice.courses)
    messages.success(request, ngettext(
        "Imported “%(title)s” into %(count)s course: %(courses)s. It is in your Imports now.",
        "Imported “%(title)s” into %(count)s courses: %(courses)s. It is in your Imports now.",
        n) % {"title": title, "count": n, "courses": names}, extra_tags="focus")
    return redirect("resources:detail", resource_id=resource_id)
