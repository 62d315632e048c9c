"""Words people read, made from values Commons sends: counts, resource types, licences."""
from __future__ import annotations

# The contract's resource types (``lor.RESOURCE_TYPES``), as a teacher says them.
TYPE_LABELS = {
    "course": "Course", "module": "Module", "assignment": "Assignment", "quiz": "Quiz",
    "discussion_topic": "Discussion", "page": "Page", "document": "Document", "video": "Video", "audio": "Audio",
    "image": "Image",
}
# Licence ids as Commons sends them (case varies), by name.
LICENCE_NAMES = {
    "cc_by": "Creative Commons Attribution (CC BY)",
    "cc_by_sa": "Creative Commons Attribution-ShareAlike (CC BY-SA)",
    "cc_by_nc": "Creative Commons Attribution-NonCommercial (CC BY-NC)",
    "cc_by_nd": "Creative Commons Attribution-NoDerivatives (CC BY-ND)",
    "cc_by_nc_sa": "Creative Commons Attribution-NonCommercial-ShareAlike (CC BY-NC-SA)",
    "cc_by_nc_nd": "Creative Commons Attribution-NonCommercial-NoDerivatives (CC BY-NC-ND)",
    "public_domain": "Public domain",
    "copyright": "Copyrighted (all rights reserved)",
    "private": "Copyrighted (all rights reserved)",
}


def _humane(value: str) -> str:
    """An unknown id, readable: "lesson_plan" → "Lesson plan"."""
    text = value.replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:]


def type_label(value: str | None) -> str:
    return TYPE_LABELS.get(value or "", _humane(value or "")) or "Resource"


def licence_name(value: str | None) -> str:
    return LICENCE_NAMES.get((value or "").lower(), _humane(value or "")) or "Unknown licence"


def plural(n: int, word: str) -> str:
    """ "1 favorite", "3 favorites" for messages."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
