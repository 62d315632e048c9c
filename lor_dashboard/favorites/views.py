from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib import messages
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse_lazy
from django.utils.html import format_html
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import reswap, retarget

from lor_dashboard.core.bulk import selected_ids, too_many
from lor_dashboard.core.csv_stream import csv_response
from lor_dashboard.core.flash import flash, take
from lor_dashboard.core.navigation import safe_next
from lor_dashboard.core.rendering import announce_oob, render_page, wants_fragment
from lor_dashboard.core.request import SignedInRequest
from lor_dashboard.core.text import plural
from lor_dashboard.lor import LORAuthError, LORError, LORNotFound, LORRateLimited, LORUnavailable
from lor_dashboard.lor.default import get_client
from lor_dashboard.lor.listing import SORTS, Listing

from .export import favorite_rows
from .forms import AddFavoriteForm
from .service import remove_favorites, restore_favorites
from .undo import claim_removed, remember_removed, settle

LIST_URL = reverse_lazy("favorites:list")
MAX_TITLE = 300  # the star echoes the title it was sent, escaped, to name itself


def _listing(request: SignedInRequest, params) -> Listing:
    return Listing.of(get_client().list_favorites(request.lor_user.credentials), params)


def _list_context(request: SignedInRequest, next_url: str, add_form: AddFavoriteForm | None = None) -> dict:
    listing = _listing(request, request.GET)
    return {"listing": listing, "count_text": _count_text(listing), "sorts": SORTS, "next": next_url,
            "add_form": add_form or AddFavoriteForm(), "has_errors": bool(add_form and add_form.errors)}


def _count_text(listing: Listing) -> str:
    if listing.filtered:
        return f"{len(listing.shown)} of {listing.total} favorites match."
    return f"{plural(listing.total, 'favorite')}."


@require_GET
def favorite_list(request: SignedInRequest):
    """The list, filtered and sorted; at most a page of cards, "Show more" (``?start=``) the next."""
    context = _list_context(request, request.get_full_path())
    context["focus_id"] = take(request, "restored")  # after Undo: focus lands on the restored item
    listing = context["listing"]
    if listing.start:  # "Show more": the next cards, focus on the first of them
        context["focus_first"] = True
        shown = len(listing.window)
        return render_page(request, "favorites/list.html", context, partial="more",
                           announce=f"{plural(shown, 'more favorite')} shown." if shown else "")
    title = f"Favorites matching “{listing.q}”" if listing.q else "Favorites"
    return render_page(request, "favorites/list.html", context, partial="results", title=title,
                       announce=context["count_text"])


@require_GET
def favorite_csv(request: SignedInRequest):
    client = get_client()
    rows = favorite_rows(client.list_favorites(request.lor_user.credentials), client)
    return csv_response(rows, "favorites.csv")


@require_POST
def favorite_add(request: SignedInRequest):
    """Add by resource id. A duplicate is said, not added again. With htmx the list and a fresh form
    come back together, so the outcome replaces the last one (no old error beside a new success)."""
    next_url = safe_next(request, request.POST.get("next"), LIST_URL)
    form = AddFavoriteForm(request.POST)
    if form.is_valid():
        resource_id, client, creds = form.cleaned_data["resource_id"], get_client(), request.lor_user.credentials
        mine = {r.id: r for r in client.list_favorites(creds)}
        if resource_id in mine:
            messages.info(request, f"“{mine[resource_id].title or resource_id}” is already in your favorites.",
                          extra_tags="focus")
            return _added(request, next_url, favorites=tuple(mine.values()))
        try:
            client.add_favorite(creds, resource_id)
        except LORNotFound:
            form.add_error("resource_id", "Commons has no resource with this id. Check it and try again.")
        else:
            return _added(request, next_url, resource_id)
    if wants_fragment(request):
        response = render(request, "favorites/list.html#add_form", {"add_form": form, "next": next_url, "focus_error": True})
        return retarget(reswap(response, "outerHTML"), "#add-favorite")
    return render(request, "favorites/list.html", _list_context(request, next_url, add_form=form))


def _added(request: SignedInRequest, next_url: str, resource_id: str = "", favorites=None) -> HttpResponse:
    """After an add (``resource_id``) or a duplicate: the list, and with htmx an emptied form.
    ``favorites``: the list as just read (a duplicate changed nothing: no second call)."""
    if not wants_fragment(request):
        if resource_id:
            messages.success(request, f"Added resource {resource_id} to your favorites.", extra_tags="focus")
        return redirect(next_url)
    params = QueryDict(urlsplit(next_url).query)
    listing = Listing.of(favorites, params) if favorites is not None else _listing(request, params)
    if resource_id:
        added = next((r for r in listing.window if r.id == resource_id), None)
        name = f"“{added.title}”" if added and added.title else f"resource {resource_id}"
        messages.success(request, f"Added {name} to your favorites.", extra_tags="focus")
    context = {"listing": listing, "count_text": _count_text(listing), "sorts": SORTS, "next": next_url}
    response = render(request, "favorites/list.html#results", context)
    response.content += render_to_string("favorites/list.html#add_form", {
        "add_form": AddFavoriteForm(), "next": next_url, "form_oob": True}, request=request).encode()
    return response


@require_POST
def favorite_remove(request: SignedInRequest, resource_id: str):
    """One favorite. With htmx the card is replaced in place by "Removed “Title”. Undo" (focus
    there, announced in the status region; the page does not move) and the count, fresh, rides
    out-of-band. Without JavaScript: back to the list, with the message and its Undo."""
    next_url = safe_next(request, request.POST.get("next"), LIST_URL)
    title = request.POST.get("title", "")[:MAX_TITLE]
    in_place = wants_fragment(request)
    report = remove_favorites(get_client(), request.lor_user.credentials, [resource_id])
    name = f"“{title}”" if title else "1 favorite"
    token = _report_removal(request, report, next_url, name=name, quiet=in_place)
    if not in_place:
        return redirect(next_url)
    if not report.done:  # the card stays; the message says why
        return reswap(HttpResponse(""), "none")
    html = render_to_string("favorites/removed.html", {"token": token, "name": name}, request=request)
    try:
        listing = _listing(request, QueryDict(urlsplit(next_url).query))
    except LORAuthError:
        raise  # the session is over: to sign in
    except LORError:
        listing = None  # removed all the same; the count catches up on the next swap
    if listing is not None:
        html += render_to_string("favorites/list.html#count", {"count_text": _count_text(listing), "oob": True})
    return HttpResponse(html + announce_oob(f"Removed {name}."))


@require_POST
def favorite_remove_selected(request: SignedInRequest):
    """The selected favorites. With htmx the first removed card is replaced in place by one line,
    "Removed 3 favorites: “A”, “B”, “C”. Undo" (focus there, announced), the others leave the list
    and the count rides out-of-band: the page does not move. Without JavaScript: back to the list,
    with the message and its Undo."""
    next_url = safe_next(request, request.POST.get("next"), LIST_URL)
    ids = selected_ids(request)
    if not ids:
        messages.error(request, "Select at least one favorite to remove.", extra_tags="focus")
    elif too_many(ids):
        messages.error(request, too_many(ids), extra_tags="focus")
    else:
        client, creds = get_client(), request.lor_user.credentials
        before = {r.id: r for r in client.list_favorites(creds)}  # their titles, and the count after: one call
        report = remove_favorites(client, creds, ids)
        done = set(report.done)
        name = _names([before[i].title if i in before else "" for i in ids if i in done]) if done else ""
        in_place = wants_fragment(request)
        token = _report_removal(request, report, next_url, name=name, quiet=in_place)
        if in_place:
            return _removed_selected_in_place(request, report, ids, before, token, name, next_url)
    return redirect(next_url)


def _removed_selected_in_place(request: SignedInRequest, report, ids: list[str], before: dict, token: str, name: str,
                               next_url: str) -> HttpResponse:
    if not report.done:  # the cards stay; the message says why
        return reswap(HttpResponse(""), "none")
    done = set(report.done)
    html = render_to_string("favorites/removed.html", {"token": token, "name": name}, request=request)
    first, *others = [i for i in ids if i in done]
    html += "".join(format_html('<template><li id="favorite-{}" hx-swap-oob="delete"></li></template>', i) for i in others)
    remaining = Listing.of([r for rid, r in before.items() if rid not in done], QueryDict(urlsplit(next_url).query))
    html += render_to_string("favorites/list.html#count", {"count_text": _count_text(remaining), "oob": True})
    response = HttpResponse(html + announce_oob(f"Removed {name}."))
    return retarget(reswap(response, "outerHTML"), f"#favorite-{first}")


def _names(titles: list[str], shown: int = 5) -> str:
    """“A” for one; "3 favorites: “A”, “B”, “C”" for several (the first few named, then how many more)."""
    quoted = [f"“{t}”" if t else "one without a title" for t in titles]
    if len(quoted) == 1:
        return quoted[0] if titles[0] else "1 favorite"
    named = ", ".join(quoted[:shown]) + (f" and {len(quoted) - shown} more" if len(quoted) > shown else "")
    return f"{plural(len(quoted), 'favorite')}: {named}"


def _report_removal(request: SignedInRequest, report, next_url: str, *, name: str, quiet: bool = False) -> str:
    """Keep what was removed for Undo (its token returned) and say what happened to ``name``;
    ``quiet``: the success is said in place by the caller, only a failure is a message."""
    token = ""
    if report.done:
        token = remember_removed(request, report.done, next_url)
        if not quiet:
            messages.success(request, f"Removed {name}.", extra_tags=f"undo:{token} focus")
    if report.failed:
        messages.error(request, f"{plural(len(report.failed), 'favorite')} could not be removed: Commons is not "
                                "answering. Try again.", extra_tags="focus")
    return token


@require_POST
def favorite_undo(request: SignedInRequest):
    """Put back what one removal took. Its record is taken only when Commons has restored it all:
    what failed for a passing reason (or an expired session) stays for another Undo; a second
    click while this one runs finds it taken."""
    token = request.POST.get("undo", "")
    in_place = request.POST.get("in_place") == "yes" and wants_fragment(request)
    claimed = claim_removed(request, token)
    if claimed is None:
        nothing = "There is nothing to undo: it was undone already, or it is too long ago."
        if in_place:
            return HttpResponse(render_to_string("favorites/removed.html", {"said": nothing}) + announce_oob(nothing))
        messages.info(request, nothing)
        return redirect(LIST_URL)
    ids, next_url, claim = claimed
    report = None
    try:
        report = restore_favorites(get_client(), request.lor_user.credentials, ids)
    finally:
        retry = ids if report is None else [rid for rid, error in report.failed if _passing(error)]
        settle(request, token, claim, next_url, retry)
    if in_place and report.done and not report.failed:
        return _restored_in_place(request, report.done, next_url)
    if report.done:
        flash(request, "restored", report.done[0])
        messages.success(request, f"Restored {plural(len(report.done), 'favorite')}.")
    if retry:
        messages.error(request, f"{plural(len(retry), 'favorite')} could not be restored: Commons is not answering. "
                                "Try again.", extra_tags=f"undo:{token} focus")
    if gone := len(report.failed) - len(retry):
        messages.error(request, f"{plural(gone, 'favorite')} could not be restored: Commons no longer offers "
                                f"{'it' if gone == 1 else 'them'}.", extra_tags="focus")
    if in_place:  # the line stays as it is; the messages ride out-of-band
        return reswap(HttpResponse(""), "none")
    return redirect(safe_next(request, next_url, LIST_URL))


def _restored_in_place(request: SignedInRequest, ids: list[str], next_url: str) -> HttpResponse:
    """One card back where "Removed …" stood, its title taking focus; the count and the outcome
    out-of-band. Several (a bulk removal's line): the list again, each card in its place, focus on
    the first restored."""
    client, creds = get_client(), request.lor_user.credentials
    try:
        favorites = client.list_favorites(creds)  # for the count, and it holds the restored ones: one call
        listing = Listing.of(favorites, QueryDict(urlsplit(next_url).query))
        resource = None if len(ids) > 1 else (
            next((r for r in favorites if r.id == ids[0]), None) or client.get_resource(creds, ids[0]))
    except LORAuthError:
        raise
    except LORError:  # restored all the same: say so in the line's place, the list catches up on reload
        said = f"Restored {plural(len(ids), 'favorite')}. The list shows them when the page is loaded again."
        return HttpResponse(render_to_string("favorites/removed.html", {"said": said}) + announce_oob(said))
    if len(ids) > 1:
        first = next((r.id for r in listing.window if r.id in set(ids)), None)
        context = {"listing": listing, "count_text": _count_text(listing), "sorts": SORTS, "next": next_url,
                   "focus_id": first}
        response = render(request, "favorites/list.html#results", context)
        response.content += announce_oob(f"Restored {plural(len(ids), 'favorite')}.").encode()
        return retarget(response, "#favorites-results")
    html = render_to_string("favorites/restored.html", {"r": resource, "next": next_url}, request=request)
    html += render_to_string("favorites/list.html#count", {"count_text": _count_text(listing), "oob": True})
    return HttpResponse(html + announce_oob(f"Restored “{resource.title or ids[0]}”."))


def _passing(error: LORError) -> bool:
    """A failure that trying again may cure (not a resource that is gone or forbidden)."""
    return isinstance(error, (LORUnavailable, LORRateLimited))


@require_POST
def favorite_star(request: SignedInRequest, resource_id: str):
    """Toggle a favorite from any card (imports, updates). With htmx the toggle replaces
    itself and keeps focus; the outcome is announced in the status region."""
    next_url = safe_next(request, request.POST.get("next"), LIST_URL)
    title = request.POST.get("title", "")[:MAX_TITLE]
    creds = request.lor_user.credentials
    starred = request.POST.get("action") != "remove"
    if starred:
        get_client().add_favorite(creds, resource_id)
    else:
        try:
            get_client().remove_favorite(creds, resource_id)
        except LORNotFound:
            pass  # already not a favorite: the goal is met
    name = f"“{title}”" if title else "This resource"
    outcome = f"{name} is now in your favorites." if starred else f"{name} is no longer in your favorites."
    if wants_fragment(request):
        context = {"resource_id": resource_id, "starred": starred, "next": next_url, "title": title, "keep_focus": True}
        response = render(request, "resources/star.html", context)
        response.content += announce_oob(outcome).encode()
        return response
    messages.success(request, outcome)
    return redirect(next_url)
