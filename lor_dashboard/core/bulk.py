"""What a bulk action acts on: the ids a form selected, each once, and never more than a cap, so
one request cannot cost a thousand upstream calls."""
from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import ngettext

from lor_dashboard.lor import is_valid_id

MAX_BULK = 100


def selected_ids(request: HttpRequest, field: str = "resource_ids") -> list[str]:
    """The valid ids the form sent under ``field``, in order, each once."""
    return [i for i in dict.fromkeys(request.POST.getlist(field)) if is_valid_id(i)]


def too_many(ids: list[str]) -> str:
    """Why a selection is refused (nothing done), or "" when it may go ahead."""
    if len(ids) <= MAX_BULK:
        return ""
    return ngettext("You selected %(count)s; at most %(max)s can be acted on at once. Select fewer and try again.",
                    "You selected %(count)s; at most %(max)s can be acted on at once. Select fewer and try again.",
                    len(ids)) % {"count": len(ids), "max": MAX_BULK}
