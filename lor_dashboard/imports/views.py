from __future__ import annotations

from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET

from lor_dashboard.core.listing import IMPORT_SORTS, Listing
from lor_dashboard.core.rendering import render_page
from lor_dashboard.core.request import SignedInRequest
from lor_dashboard.lor.from_settings import get_client

from .service import load


def _count_text(listing: Listing) -> str:
    if listing.filtered:
        # Translators: "3 of 30 imports match."; the plural form follows the total (%(count)s).
        return ngettext("%(shown)s of %(count)s imports match.", "%(shown)s of %(count)s imports match.",
                        listing.total) % {"shown": len(listing.matches), "count": listing.total}
    return ngettext("%(count)s imported resource.", "%(count)s imported resources.", listing.total) % {
        "count": listing.total}


@require_GET
def import_list(request: SignedInRequest):
    """Imported resources, filtered and sorted like favorites, each with the courses known to hold
    it and "Update available" when one waits; at most a page of cards, "Show more" the next."""
    loaded = load(get_client(), request.lor_user.credentials, request.GET)
    listing = loaded.listing
    context = {"loaded": loaded, "listing": listing, "count_text": _count_text(listing), "sorts": IMPORT_SORTS,
               "next": request.get_full_path()}
    if listing.start:  # "Show more": the next cards, focus on the first of them
        shown = len(listing.cards)
        announce = ngettext("%(count)s more import shown.", "%(count)s more imports shown.", shown) % {
            "count": shown} if shown else ""
        return render_page(request, "imports/list.html", {**context, "focus_first": True}, partial="more",
                           announce=announce)
    title = gettext("Imports matching “%(words)s”") % {"words": listing.q} if listing.q else gettext("Imports")
    return render_page(request, "imports/list.html", context, partial="results", title=title,
                       announce=context["count_text"])
