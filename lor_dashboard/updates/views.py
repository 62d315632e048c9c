from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from lor_dashboard.core import history, offered
from lor_dashboard.core.bulk import selected_ids, too_many
from lor_dashboard.core.course_boxes import CourseBoxes
from lor_dashboard.core.next_url import with_query
from lor_dashboard.core.rendering import cursor_param, more_loaded, render_page
from lor_dashboard.core.request import SignedInRequest
from lor_dashboard.core.stars import with_stars
from lor_dashboard.core.text import listed
from lor_dashboard.lor import LORNotFound, is_valid_id
from lor_dashboard.lor.from_settings import get_client

from .service import (
    CHOICE_ERRORS,
    MAX_PAGES,
    all_updates,
    apply_everywhere,
    check_courses,
    course_rows,
    group_by_course,
    ignore_everywhere,
    load_updates,
    offer_of,
    why,
)

LIST_URL = reverse_lazy("updates:list")
ACTIONS = ("ignore", "apply")
BOXES = CourseBoxes("updates/detail.html", "updates:detail", group="courses-fieldset", error_id="courses-error",
                    words=CHOICE_ERRORS)


@require_GET
def update_list(request: SignedInRequest):
    creds = request.lor_user.credentials
    client = get_client()
    if request.GET.get("view") == "courses":
        walk = all_updates(client, creds)
        focus = request.GET.get("focus")  # back from a course's confirmation: focus on the button that asked
        course = request.GET.get("course", "")
        groups = group_by_course(walk.items)
        opened_from = "" if focus else course  # opened from that course in Canvas (LTI): it comes first
        if opened_from:
            groups.sort(key=lambda g: g.course_id != opened_from)
        context = {"groups": groups, "truncated": walk.truncated, "max_pages": MAX_PAGES,
                   "count": len(walk.items), "focus_action": focus if focus in ACTIONS else "",
                   "focus_course": course, "opened_from": opened_from,
                   "opened_has_updates": any(g.course_id == opened_from for g in groups)}
        return render(request, "updates/by_course.html", context)
    cursor = cursor_param(request)
    page, favorite_ids = with_stars(client, creds, lambda: client.list_updates(creds, cursor))
    focus = request.GET.get("focus")  # back from a bulk confirmation: focus on the button that asked
    context = {"page": page, "favorite_ids": favorite_ids, "next": str(LIST_URL), "focus_first": cursor is not None,
               "focus_action": focus if focus in ACTIONS else "", "selected": set(request.GET.getlist("selected")),
               "more_url": with_query("", {"cursor": page.next_cursor}) if page.next_cursor else "",
               "act_urls": _act_urls(page.items)}
    n = len(page.items)
    loaded = ngettext("%(count)s more update loaded.", "%(count)s more updates loaded.", n) % {"count": n}
    return render_page(request, "updates/list.html", context, partial="page",
                       announce=more_loaded(cursor, n, loaded, gettext("No more updates.")))


@require_GET
def update_detail(request: SignedInRequest, resource_id: str):
    """The update's page; ``?focus=ignore|apply&course_ids=…`` is where Cancel on a confirmation
    comes back to: the same courses still chosen, focus on the button that asked."""
    client, creds = get_client(), request.lor_user.credentials
    try:
        update, favorite_ids = with_stars(client, creds, lambda: client.get_update(creds, resource_id))
    except LORNotFound:
        return render(request, "updates/gone.html", status=404)
    offered.remember(request, offered.UPDATE, resource_id, offer_of(update))
    error = BOXES.kept_error(request, resource_id)
    focus = request.GET.get("focus")
    context = {"update": update, "rows": course_rows(update), "resource_id": resource_id,
               "favorite_ids": favorite_ids, "next": request.path, "error": error, "has_errors": bool(error),
               "chosen": set(request.GET.getlist("course_ids")), "focus_action": focus if focus in ACTIONS else ""}
    return render_page(request, "updates/detail.html", context, partial="courses")


def _act_urls(updates) -> dict[str, dict[str, str]]:
    """Each update's "Apply…" and "Ignore…": its page, every course chosen, focus on that action's button."""
    return {u.resource.id: {action: with_query(reverse("updates:detail", args=[u.resource.id]), [
        ("focus", action), *(("course_ids", c.course_id) for c in u.courses)]) for action in ACTIONS}
        for u in updates if u.resource.has_valid_id and u.courses}


def _offered(request: SignedInRequest, resource_id: str) -> offered.Offer:
    """The courses the page showed (kept server-side); when it was not shown in this sign-in, those
    Commons says hold an old copy."""
    return offered.recall_or_load(request, offered.UPDATE, resource_id, lambda: offer_of(
        get_client().get_update(request.lor_user.credentials, resource_id)))


def _after(request: SignedInRequest, resource_id: str, acted: list[str], done: str) -> HttpResponse:
    left = offered.forget_courses(request, offered.UPDATE, resource_id, acted)
    if left:
        messages.success(request, done, extra_tags="focus")
        return redirect("updates:detail", resource_id=resource_id)
    # Translators: %(done)s is a whole sentence saying what was done ("Applied the latest “Cells” to 2 courses.").
    said = gettext("%(done)s No course holds an old copy any more, so the update has left the list.") % {"done": done}
    messages.success(request, said)
    if request.htmx:
        return HttpResponseClientRedirect(LIST_URL)
    return redirect(LIST_URL)


def _confirm(request: SignedInRequest, resource_id: str, action: str, title: str, courses: list[tuple[str, str]]) -> HttpResponse:
    """Ignoring and applying cannot be undone here: say what will happen, then ask."""
    chosen = [("course_ids", cid) for cid, _ in courses]
    cancel = with_query(reverse("updates:detail", args=[resource_id]), [("focus", action), *chosen])
    context = {"title": title, "action": action, "courses": courses, "cancel_url": cancel, "hidden": chosen,
               "action_url": reverse(f"updates:{action}", args=[resource_id])}
    return render_page(request, "updates/confirm.html", context, partial="confirm")


def _act(request: SignedInRequest, resource_id: str, action: str) -> HttpResponse:
    offer = _offered(request, resource_id)
    choice = check_courses(offer.title, request.POST.getlist("course_ids"), offer.courses)
    if choice.error:
        return BOXES.refuse(request, resource_id, choice.problem)
    if request.POST.get("confirm") != "yes":
        return _confirm(request, resource_id, action, choice.title, list(choice.courses))
    creds, n = request.lor_user.credentials, len(choice.courses)
    said = {"title": choice.title, "count": n}
    if action == "ignore":
        get_client().ignore_update(creds, resource_id, course_ids=choice.ids)
        return _after(request, resource_id, choice.ids, ngettext(
            "Ignored the update to “%(title)s” for %(count)s course.",
            "Ignored the update to “%(title)s” for %(count)s courses.", n) % said)
    get_client().import_resource(creds, resource_id, courses=choice.courses)
    history.record(request.lor_user.user_id, resource_id, offer.version, choice.courses)
    return _after(request, resource_id, choice.ids, ngettext(
        "Applied the latest “%(title)s” to %(count)s course.",
        "Applied the latest “%(title)s” to %(count)s courses.", n) % said)


@require_POST
def update_ignore(request: SignedInRequest, resource_id: str):
    return _act(request, resource_id, "ignore")


@require_POST
def update_apply(request: SignedInRequest, resource_id: str):
    return _act(request, resource_id, "apply")


def _shown_courses(request: SignedInRequest) -> dict[str, set[str]] | None:
    """The courses the confirmation listed (``courses`` = "resource id:course id"), or None when the
    POST did not come from it."""
    pairs = [value.split(":", 1) for value in request.POST.getlist("courses") if ":" in value]
    if not pairs:
        return None
    shown: dict[str, set[str]] = {}
    for rid, cid in pairs:
        if is_valid_id(rid) and is_valid_id(cid):
            shown.setdefault(rid, set()).add(cid)
    return shown


@require_POST
def update_bulk(request: SignedInRequest):
    ids = selected_ids(request)
    action = request.POST.get("action")
    if not ids or action not in ("ignore", "apply"):
        # Translators: "Ignore" and "Apply" are the buttons' names on the updates page.
        messages.error(request, gettext("Select at least one update, then choose Ignore or Apply."))
        return redirect(LIST_URL)
    if too_many(ids):
        messages.error(request, too_many(ids))
        return redirect(LIST_URL)
    only = request.POST.get("course", "")
    only = only if is_valid_id(only) else ""  # "Apply all… in Biology 101": that course only, and back to it
    back = _by_course_url(only) if only else str(LIST_URL)
    if request.POST.get("confirm") != "yes":
        chosen = load_updates(get_client(), request.lor_user.credentials, ids)
        if only:
            chosen = [(rid, replace(u, courses=tuple(c for c in u.courses if c.course_id == only)) if u else None)
                      for rid, u in chosen]
            chosen = [(rid, u) for rid, u in chosen if u is None or u.courses]
        loaded = [rid for rid, update in chosen if update is not None]
        if not loaded:
            messages.error(request, gettext(
                "The selected updates could not be loaded from Commons, so nothing was done. Try again."),
                extra_tags="focus")
            return redirect(back)
        # Cancel goes back to the button that asked, with the selection (or the course) as it was.
        cancel = (_by_course_url(only, focus=action) if only else
                  with_query(str(LIST_URL), [("focus", action), *(("selected", i) for i in ids)]))
        # "Yes" posts the same choice again: the updates that loaded, and the courses this page listed.
        hidden = [*(("resource_ids", rid) for rid in loaded),
                  *(("courses", f"{rid}:{c.course_id}") for rid, u in chosen if u for c in u.courses),
                  ("action", action), *((("course", only),) if only else ())]
        return render(request, "updates/confirm_bulk.html", {"count": len(loaded), "action": action, "chosen": chosen,
                                                             "cancel_url": cancel, "hidden": hidden,
                                                             "course_name": _course_name(chosen, only)})
    client, creds, shown = get_client(), request.lor_user.credentials, _shown_courses(request)
    if action == "ignore":
        report = ignore_everywhere(client, creds, ids, shown)
    else:
        report, applied = apply_everywhere(client, creds, ids, shown)
        for update in applied:
            history.record(request.lor_user.user_id, update.resource.id,
                           update.version_id or history.newest_version(update.resource),
                           [(c.course_id, c.course_name) for c in update.courses])
    if report.done:  # each named, with how many courses it was applied to (or ignored for)
        done = {"count": len(report.done), "updates": listed(report.done, long=True)}
        if action == "ignore":
            said = ngettext("%(count)s update ignored: %(updates)s.", "%(count)s updates ignored: %(updates)s.",
                            len(report.done)) % done
        else:
            said = ngettext("%(count)s update applied: %(updates)s.", "%(count)s updates applied: %(updates)s.",
                            len(report.done)) % done
        messages.success(request, said)
    if report.failed:
        # Translators: one update that failed, in a list of them: "“Cells”: Commons is having trouble right now.".
        reasons = listed((gettext("%(update)s: %(reason)s") % {"update": title, "reason": why(error)}
                          for title, error in report.failed), long=True)
        messages.error(request, ngettext("%(count)s failed: %(reasons)s.", "%(count)s failed: %(reasons)s.",
                                         len(report.failed)) % {"count": len(report.failed), "reasons": reasons})
    # Back to the list (or the courses), focus on the outcome (the first message takes focus on a full page).
    return redirect(back)


def _course_name(chosen, course_id: str) -> str:
    """How the chosen updates name ``course_id`` ("" when no course was asked for)."""
    names = (c.course_name for _, u in chosen if u for c in u.courses if c.course_id == course_id)
    return next(names, "") or course_id if course_id else ""


def _by_course_url(course_id: str, focus: str = "") -> str:
    """The by-course view; with ``focus``, that action's button of ``course_id`` takes focus (no
    #fragment: a page opened at one skips autofocus, and the outcome message's too)."""
    params = {"view": "courses", **({"focus": focus, "course": course_id} if focus else {})}
    return with_query(str(LIST_URL), params)
