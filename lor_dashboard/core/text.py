"""Words people read, made from values Commons sends: counts, resource types, licences."""
from __future__ import annotations

from typing import Iterable

from django.utils.translation import gettext, gettext_lazy, pgettext

# The contract's resource types (``lor.RESOURCE_TYPES`` says which, and in what order; the search's
# filter fails at start for one without a label here), as a teacher says them. Lazy: the page's
# language is known when they are shown, not when this module is imported.
TYPE_LABELS = {
    # Translators: a kind of resource in Canvas Commons (a whole Canvas course).
    "course": gettext_lazy("Course"),
    # Translators: a kind of resource in Canvas Commons (a Canvas course module).
    "module": gettext_lazy("Module"),
    "assignment": gettext_lazy("Assignment"),
    "quiz": gettext_lazy("Quiz"),
    # Translators: a kind of resource in Canvas Commons (a Canvas discussion topic).
    "discussion_topic": gettext_lazy("Discussion"),
    # Translators: a kind of resource in Canvas Commons (a Canvas content page).
    "page": gettext_lazy("Page"),
    "document": gettext_lazy("Document"),
    "video": gettext_lazy("Video"),
    "audio": gettext_lazy("Audio"),
    "image": gettext_lazy("Image"),
}
# Licence ids as Commons sends them (case varies), by name.
LICENCE_NAMES = {
    # Translators: a licence's name; use Creative Commons' own name for it in your language.
    "cc_by": gettext_lazy("Creative Commons Attribution (CC BY)"),
    # Translators: a licence's name; use Creative Commons' own name for it in your language.
    "cc_by_sa": gettext_lazy("Creative Commons Attribution-ShareAlike (CC BY-SA)"),
    # Translators: a licence's name; use Creative Commons' own name for it in your language.
    "cc_by_nc": gettext_lazy("Creative Commons Attribution-NonCommercial (CC BY-NC)"),
    # Translators: a licence's name; use Creative Commons' own name for it in your language.
    "cc_by_nd": gettext_lazy("Creative Commons Attribution-NoDerivatives (CC BY-ND)"),
    # Translators: a licence's name; use Creative Commons' own name for it in your language.
    "cc_by_nc_sa": gettext_lazy("Creative Commons Attribution-NonCommercial-ShareAlike (CC BY-NC-SA)"),
    # Translators: a licence's name; use Creative Commons' own name for it in your language.
    "cc_by_nc_nd": gettext_lazy("Creative Commons Attribution-NonCommercial-NoDerivatives (CC BY-NC-ND)"),
    "public_domain": gettext_lazy("Public domain"),
    "copyright": gettext_lazy("Copyrighted (all rights reserved)"),
    "private": gettext_lazy("Copyrighted (all rights reserved)"),
}


def _humane(value: str) -> str:
    """An unknown id, readable: "lesson_plan" → "Lesson plan"."""
    text = value.replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:]


def type_label(value: str | None) -> str:
    label = TYPE_LABELS.get(value or "")
    if label is not None:
        return str(label)
    # Translators: the kind of a resource Commons did not say.
    return _humane(value or "") or gettext("Resource")


def licence_name(value: str | None) -> str:
    name = LICENCE_NAMES.get((value or "").lower())
    if name is not None:
        return str(name)
    return _humane(value or "") or gettext("Unknown licence")


def quoted(title: str) -> str:
    """A title in quotation marks, as one item of a list: “Cells”."""
    # Translators: a title in quotation marks, as an item of a list; use your language's own marks
    # (« %(title)s », „%(title)s“).
    return gettext("“%(title)s”") % {"title": title}


def listed(items: Iterable[str], *, long: bool = False) -> str:
    """Items one after the other: "“A”, “B”, Biology 101"; ``long`` items, which may hold commas
    themselves: "“A” (3 courses); “B” (1 course)"."""
    if long:
        # Translators: what separates the items of a list whose items may hold commas ("“A”: why; “B”: why"),
        # space included.
        return pgettext("list separator", "; ").join(items)
    # Translators: what separates the items of a list ("“A”, “B”, “C”"), space included.
    return pgettext("list separator", ", ").join(items)
