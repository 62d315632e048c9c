"""Cursor pages. Cursors are opaque; we only decide when to stop."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Generic, Iterator, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: tuple[T, ...]
    next_cursor: str | None = None  # None: this is the last page
    count: int | None = None  # meta.count when the upstream gave it

    @classmethod
    def build(cls, items: list[T], meta: object, sent_cursor: str | None) -> "Page[T]":
        """Apply the stop rules: an empty page, a null or absent cursor, or the cursor we sent."""
        meta = meta if isinstance(meta, dict) else {}
        cursor = meta.get("cursor")
        if not items or not isinstance(cursor, str) or not cursor or cursor == sent_cursor:
            cursor = None
        count = meta.get("count")
        if isinstance(count, bool) or not isinstance(count, int):
            count = None
        return cls(items=tuple(items), next_cursor=cursor, count=count)


@dataclass(frozen=True)
class Walk(Generic[T]):
    """Every item of a cursor walk, and whether ``max_pages`` cut it short."""

    items: tuple[T, ...]
    truncated: bool


def iter_pages(fetch: Callable[[str | None], Page[T]], max_pages: int) -> Iterator[Page[T]]:
    """Yield pages from ``fetch(cursor)`` until the last one or ``max_pages``.

    A cursor seen before also ends the walk, so a looping upstream cannot
    keep us busy.
    """
    cursor: str | None = None
    seen: set[str] = set()
    for _ in range(max_pages):
        page = fetch(cursor)
        yield page
        cursor = page.next_cursor
        if cursor is None or cursor in seen:
            return
        seen.add(cursor)


def walk_all(fetch: Callable[[str | None], Page[T]], max_pages: int) -> Walk[T]:
    items: list[T] = []
    pages = 0
    last: Page[T] | None = None
    for last in iter_pages(fetch, max_pages):
        pages += 1
        items.extend(last.items)
    truncated = last is not None and last.next_cursor is not None and pages >= max_pages
    return Walk(items=tuple(items), truncated=truncated)
