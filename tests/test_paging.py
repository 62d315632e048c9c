"""Cursor stop rules: empty page, null or absent cursor, repeated cursor, page cap."""
from __future__ import annotations

from lor_dashboard.lor import Page, walk_all


class PageBuildTests:
    def test_next_cursor_kept(self):
        assert Page.build([1], {"cursor": "c2", "count": 5}, "c1") == Page(items=(1,), next_cursor="c2", count=5)

    def test_stop_on_null_absent_or_same_cursor_or_empty_page(self):
        assert Page.build([1], {"cursor": None}, None).next_cursor is None
        assert Page.build([1], {}, None).next_cursor is None
        assert Page.build([1], None, None).next_cursor is None
        assert Page.build([1], {"cursor": "c1"}, "c1").next_cursor is None
        assert Page.build([], {"cursor": "c2"}, "c1").next_cursor is None


class WalkAllTests:
    def test_walks_until_the_last_page(self):
        pages = {None: Page((1, 2), "a"), "a": Page((3,), "b"), "b": Page((4,), None)}
        walk = walk_all(pages.__getitem__, max_pages=10)
        assert walk.items == (1, 2, 3, 4)
        assert walk.truncated is False

    def test_a_cursor_seen_before_ends_the_walk(self):
        calls = []

        def fetch(cursor):
            calls.append(cursor)
            return Page((len(calls),), "a" if cursor != "a" else "b") if cursor != "b" else Page((9,), "a")

        walk = walk_all(fetch, max_pages=50)
        assert calls == [None, "a", "b"]
        assert walk.truncated is False

    def test_cap_says_it_was_hit(self):
        walk = walk_all(lambda cursor: Page((1,), (cursor or "") + "x"), max_pages=3)
        assert len(walk.items) == 3
        assert walk.truncated is True
