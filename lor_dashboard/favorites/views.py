from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib import messages
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import reswap, retarget

from lor_dashboard.core.bulk import selected_ids, too_many
from lor_dashboard.core.csv_stream import csv_response
from lor_dashboard.core.flash import flash, take
from lor_dashboard.core.listing import SORTS, Listing
from lor_dashboard.core.next_url import safe_next
from lor_dashboard.core.rendering import announce_oob, render_page, wants_fragment
from lor_dashboard.core.request import SignedInRequest
from lor_dashboard.core.text import listed, quoted
from lor_dashboard.lor import LORAuthError, LORError, LORNotFound, LORRateLimited, LORUnavailable
from lor_dashboard.lor.from_settings import get_client

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
        # Translators: "3 of 9 favorites match."; the plural form follows the total (%(count)s).
        return ngettext("%(shown)s of %(count)s favorites match.", "%(shown)s of %(count)s favorites match.",
                        listing.total) % {"shown": len(listing.matches), "count": listing.total}
    return ngettext("%(count)s favorite.", "%(count)s favorites.", listing.total) % {"count": listing.total}


@require_GET
def favorite_list(request: SignedInRequest):
    """The list, filtered and sorted; at most a page of cards, "Show more" (``?start=``) the next."""
    context = _list_context(request, request.get_full_path())
    context["focus_id"] = take(request, "restored")  # after Undo: focus lands on the restored item
    listing = context["listing"]
    if listing.start:  # "Show more": the next cards, focus on the first of them
        context["focus_first"] = True
        shown = len(listing.cards)
        announce = ngettext("%(count)s more favorite shown.", "%(count)s more favorites shown.", shown) % {
            "count": shown} if shown else ""
        return render_page(request, "favorites/list.html", context, partial="more", announce=announce)
    title = gettext("Favorites matching “%(words)s”") % {"words": listing.q} if listing.q else gettext("Favorites")
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
            messages.info(request, gettext("“%(title)s” is already in your favorites.") % {
                "title": mine[resource_id].title or resource_id}, extra_tags="focus")
            return _added(request, next_url, favorites=tuple(mine.values()))
        try:
            client.add_favorite(creds, resource_id)
        except LORNotFound:
            form.add_error("resource_id", gettext("Commons has no resource with this id. Check it and try again."))
        else:
            return _added(request, next_url, resource_id)
    if wants_fragment(request):
        form.focus_first_error()  # the form came back alone: its field takes focus
        response = render(request, "favorites/list.html#add_form", {"add_form": form, "next": next_url})
        return retarget(reswap(response, "outerHTML"), "#add-favorite")
    return render(request, "favorites/list.html", _list_context(request, next_url, add_form=form))


def _added(request: SignedInRequest, next_url: str, resource_id: str = "", favorites=None) -> HttpResponse:
    """After an add (``resource_id``) or a duplicate: the list, and with htmx an emptied form.
    ``favorites``: the list as just read (a duplicate changed nothing: no second call)."""
    if not wants_fragment(request):
        if resource_id:
            messages.success(request, gettext("Added resource %(id)s to your favorites.") % {"id": resource_id},
                             extra_tags="focus")
        return redirect(next_url)
    params = QueryDict(urlsplit(next_url).query)
    listing = Listing.of(favorites, params) if favorites is not None else _listing(request, params)
    if resource_id:
        added = next((r for r in listing.cards if r.id == resource_id), None)
        if added and added.title:
            said = gettext("Added “%(title)s” to your favorites.") % {"title": added.title}
        else:
            said = gettext("Added resource %(id)s to your favorites.") % {"id": resource_id}
        messages.success(request, said, extra_tags="focus")
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
    name, said = _removal([title])
    token = _report_removal(request, report, next_url, said=said, quiet=in_place)
    if not in_place:
        return redirect(next_url)
    if not report.done:  # the card stays; the message says why
        return reswap(HttpResponse(""), "none")
    html = _removed_line(request, token, name, said)
    try:
        listing = _listing(request, QueryDict(urlsplit(next_url).query))
    except LORAuthError:
        raise  # the session is over: to sign in
    except LORError:
        listing = None  # removed all the same; the count catches up on the next swap
    if listing is not None:
        html += render_to_string("favorites/list.html#count", {"count_text": _count_text(listing), "oob": True})
    return HttpResponse(html + announce_oob(said))


@require_POST
def favorite_remove_selected(request: SignedInRequest):
    """The selected favorites. With htmx the first removed card is replaced in place by one line,
    "Removed 3 favorites: “A”, “B”, “C”. Undo" (focus there, announced), the others leave the list
    and the count rides out-of-band: the page does not move. Without JavaScript: back to the list,
    with the message and its Undo."""
    next_url = safe_next(request, request.POST.get("next"), LIST_URL)
    ids = selected_ids(request)
    if not ids:
        messages.error(request, gettext("Select at least one favorite to remove."), extra_tags="focus")
    elif too_many(ids):
        messages.error(request, too_many(ids), extra_tags="focus")
    else:
        client, creds = get_client(), request.lor_user.credentials
        before = {r.id: r for r in client.list_favorites(creds)}  # their titles, and the count after: one call
        report = remove_favorites(client, creds, ids)
        done = set(report.done)
        titles = [before[i].title if i in before else "" for i in ids if i in done]
        name, said = _removal(titles) if done else ("", "")
        in_place = wants_fragment(request)
        token = _report_removal(request, report, next_url, said=said, quiet=in_place)
        if in_place:
            return _removed_selected_in_place(request, report, ids, before, token, (name, said), next_url)
    return redirect(next_url)


def _removed_selected_in_place(request: SignedInRequest, report, ids: list[str], before: dict, token: str,
                               removal: tuple[str, str], next_url: str) -> HttpResponse:
    if not report.done:  # the cards stay; the message says why
        return reswap(HttpResponse(""), "none")
    done = set(report.done)
    name, said = removal
    html = _removed_line(request, token, name, said)
    first, *others = [i for i in ids if i in done]
    html += "".join(format_html('<template><li id="favorite-{}" hx-swap-oob="delete"></li></template>', i) for i in others)
    remaining = Listing.of([r for rid, r in before.items() if rid not in done], QueryDict(urlsplit(next_url).query))
    html += render_to_string("favorites/list.html#count", {"count_text": _count_text(remaining), "oob": True})
    response = HttpResponse(html + announce_oob(said))
    return retarget(reswap(response, "outerHTML"), f"#favorite-{first}")


def _removal(titles: list[str], shown: int = 5) -> tuple[str, str]:
    """What was removed, named, and the sentence that says it: (“A”, "Removed “A”.") for one;
    ("3 favorites: “A”, “B”, “C”", "Removed 3 favorites: “A”, “B”, “C”.") for several (the first
    few named, then how many more); one without a title is "1 favorite"."""
    n = len(titles)
    if n == 1 and titles[0]:
        return quoted(titles[0]), gettext("Removed “%(title)s”.") % {"title": titles[0]}
    if n == 1:
        return (ngettext("%(count)s favorite", "%(count)s favorites", n) % {"count": n},
                ngettext("Removed %(count)s favorite.", "Removed %(count)s favorites.", n) % {"count": n})
    named = listed(quoted(t) if t else gettext("one without a title") for t in titles[:shown])
    if n > shown:
        # Translators: the end of a list of removed favorites: "“A”, “B”, “C”, “D”, “E” and 3 more".
        named = ngettext("%(titles)s and %(count)s more", "%(titles)s and %(count)s more", n - shown) % {
            "titles": named, "count": n - shown}
    values = {"count": n, "titles": named}
    return (ngettext("%(count)s favorite: %(titles)s", "%(count)s favorites: %(titles)s", n) % values,
            ngettext("Removed %(count)s favorite: %(titles)s.", "Removed %(count)s favorites: %(titles)s.", n) % values)


def _removed_line(request: SignedInRequest, token: str, name: str, said: str) -> str:
    """The removed card's place: ``said`` ("Removed “A”.") and its Undo, which names what it undoes (``name``)."""
    return render_to_string("favorites/removed.html", {"token": token, "name": name, "removed": said}, request=request)


def _report_removal(request: SignedInRequest, report, next_url: str, *, said: str, quiet: bool = False) -> str:
    """Keep what was removed for Undo (its token returned) and say what happened (``said``: "Removed “A”.");
    ``quiet``: the success is said in place by the caller, only a failure is a message."""
    token = ""
    if report.done:
        token = remember_removed(request, report.done, next_url)
        if not quiet:
            messages.success(request, said, extra_tags=f"undo:{token} focus")
    if report.failed:
        failed = len(report.failed)
        messages.error(request, ngettext(
            "%(count)s favorite could not be removed: Commons is not answering. Try again.",
            "%(count)s favorites could not be removed: Commons is not answering. Try again.",
            failed) % {"count": failed}, extra_tags="focus")
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
        nothing = gettext("There is nothing to undo: it was undone already, or it is too long ago.")
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
        messages.success(request, _restored(len(report.done)))
    if retry:
        messages.error(request, ngettext(
            "%(count)s favorite could not be restored: Commons is not answering. Try again.",
            "%(count)s favorites could not be restored: Commons is not answering. Try again.", len(retry)) % {
            "count": len(retry)}, extra_tags=f"undo:{token} focus")
    if gone := len(report.failed) - len(retry):
        messages.error(request, ngettext(
            "%(count)s favorite could not be restored: Commons no longer offers it.",
            "%(count)s favorites could not be restored: Commons no longer offers them.", gone) % {"count": gone},
            extra_tags="focus")
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
        said = ngettext("Restored %(count)s favorite. The list shows them when the page is loaded again.",
                        "Restored %(count)s favorites. The list shows them when the page is loaded again.",
                        len(ids)) % {"count": len(ids)}
        return HttpResponse(render_to_string("favorites/removed.html", {"said": said}) + announce_oob(said))
    if len(ids) > 1:
        first = next((r.id for r in listing.cards if r.id in set(ids)), None)
        context = {"listing": listing, "count_text": _count_text(listing), "sorts": SORTS, "next": next_url,
                   "focus_id": first}
        response = render(request, "favorites/list.html#results", context)
        response.content += announce_oob(_restored(len(ids))).encode()
        return retarget(response, "#favorites-results")
    html = render_to_string("favorites/restored.html", {"r": resource, "next": next_url}, request=request)
    html += render_to_string("favorites/list.html#count", {"count_text": _count_text(listing), "oob": True})
    return HttpResponse(html + announce_oob(gettext("Restored “%(title)s”.") % {"title": resource.title or ids[0]}))


def _restored(n: int) -> str:
    return ngettext("Restored %(count)s favorite.", "Restored %(count)s favorites.", n) % {"count": n}


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
    if title:
        outcome = (gettext("“%(title)s” is now in your favorites.") if starred else
                   gettext("“%(title)s” is no longer in your favorites.")) % {"title": title}
    else:
        outcome = (gettext("This resource is now in your favorites.") if starred else
                   gettext("This resource is no longer in your favorites."))
    if wants_fragment(request):
        context = {"resource_id": resource_id, "starred": starred, "next": next_url, "title": title, "keep_focus": True}
        response = render(request, "core/star.html", context)
        response.content += announce_oob(outcome).encode()
        return response
    messages.success(request, outcome)
    return redirect(next_url)
