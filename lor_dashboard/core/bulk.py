"""What a bulk action acts on (the ids a form selected, each once, and never more than a cap, so
one request cannot cost a thousand upstream calls), and what acting on each of them did."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from django.http import HttpRequest
from django.utils.translation import ngettext

from lor_dashboard.lor import LORError, is_valid_id
from lor_dashboard.lor.parallel import each

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


@dataclass
class BulkReport:
    """What acting on many items did: the labels of those done, and of those that failed, with why."""

    done: list[str] = field(default_factory=list)
    failed: list[tuple[str, LORError]] = field(default_factory=list)


def act_on_each(items: list[str], act: Callable[[str], Any], *, label: Callable[[str], str] = str,
                done_anyway: type[LORError] | None = None) -> BulkReport:
    """``act(item)`` for every item at once. ``label(item)`` names each in the report (asked after
    acting); ``done_anyway`` is an error that still means the goal is met (say, not found on removal)."""
    report = BulkReport()
    for item, outcome in zip(items, each(act, items), strict=True):
        if outcome.ok or (done_anyway is not None and isinstance(outcome.error, done_anyway)):
            report.done.append(label(item))
        else:
            report.failed.append((label(item), outcome.error))
    return report
