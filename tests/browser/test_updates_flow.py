"""Updates in Chromium, with and without JavaScript: the teacher empties the list through the UI."""
from __future__ import annotations

import re
from collections import Counter

import pytest
import requests
from playwright.sync_api import expect

from ..servers import sandbox_actions
from .a11y import assert_accessible
from .helpers import sign_in

pytestmark = pytest.mark.browser


def stale_pairs(sandbox) -> Counter:
    """(resource, course) pairs that still hold an old copy, from the sandbox itself."""
    pairs, cursor = Counter(), None
    while True:
        url = f"{sandbox.url}/api/users/u-maria/updates" + (f"?cursor={cursor}" if cursor else "")
        page = requests.get(url, headers={"X-Session-ID": "demo-teacher"}, timeout=5).json()
        for u in page["items"]:
            for c in u["courses"]:
                pairs[(u["resource"]["id"], c["courseId"])] += 1
        cursor = page["meta"]["cursor"]
        if not cursor:
            return pairs


def empty_the_list(page, app_url, *, javascript: bool) -> None:
    sign_in(page, app_url, next_path="/updates/")
    assert_accessible(page)
    items = page.locator("#updates-list article.update")
    expect(items).to_have_count(10)
    if javascript:
        page.get_by_role("link", name="Load more").click()
        expect(items).to_have_count(15)
        assert_accessible(page)
    else:
        page.get_by_role("link", name="Load more").click()
        expect(items).to_have_count(5)
        page.goto(f"{app_url}/updates/")

    # Bulk: ignore three updates at once.
    for n in range(3):
        items.nth(n).get_by_label("Select").check()
    page.get_by_role("button", name="Ignore selected").click()
    expect(page.get_by_role("heading", name="Ignore 3 updates?")).to_be_visible()
    page.get_by_role("button", name="Yes, ignore them").click()
    expect(page.locator("#messages")).to_contain_text("3 updates ignored: ")
    expect(page.locator(".count")).to_contain_text("12 updates")

    # Bulk apply, with its confirmation.
    items.nth(0).get_by_label("Select").check()
    page.get_by_role("button", name="Apply selected").click()
    expect(page.get_by_role("heading", name="Apply 1 update?")).to_be_visible()
    page.get_by_role("button", name="Yes, overwrite and apply").click()
    expect(page.locator("#messages")).to_contain_text("1 update applied: ")

    # The rest one by one on their pages: ignore one course first, then apply or ignore the others.
    handled = 0
    while page.locator("#updates-list article.update").count():
        page.locator("#updates-list article.update").first.get_by_role("link", name=re.compile(r"^Review the update")).click()
        expect(page.get_by_role("heading", name="Courses with an older copy")).to_be_visible()
        if handled == 0:
            assert_accessible(page)
        boxes = page.locator("input[name=course_ids]")
        if boxes.count() > 1:
            boxes.first.check()
            page.get_by_role("button", name="Ignore for selected courses").click()
            page.get_by_role("button", name="Yes, ignore it").click()
            expect(page.locator("#messages")).to_contain_text("Ignored the update")
        remaining = page.locator("input[name=course_ids]").count()
        if javascript:
            page.get_by_label("Select all courses").check()
        else:
            for n in range(remaining):
                page.locator("input[name=course_ids]").nth(n).check()
        if handled % 2:
            page.get_by_role("button", name="Ignore for selected courses").click()
            expect(page.get_by_text("This cannot be undone here")).to_be_visible()
            page.get_by_role("button", name="Yes, ignore it").click()
        else:
            page.get_by_role("button", name="Apply to selected courses").click()
            expect(page.get_by_text("overwrites each course's copy")).to_be_visible()
            if handled == 0:
                assert_accessible(page)
            page.get_by_role("button", name="Yes, overwrite and apply").click()
        page.wait_for_url(f"{app_url}/updates/")
        expect(page.locator("#messages")).to_contain_text("the update has left the list")
        handled += 1
    expect(page.get_by_text("No pending updates")).to_be_visible()


class EmptyTheUpdatesListTests:
    @pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
    def test_ignore_and_apply_until_nothing_is_left(self, browser, request, app_url, sandbox, javascript):
        from .conftest import _open_page

        before = stale_pairs(sandbox)
        pages = _open_page(browser, request, javascript=javascript)
        page = next(pages)
        try:
            empty_the_list(page, app_url, javascript=javascript)
        finally:
            next(pages, None)
        assert stale_pairs(sandbox) == Counter()
        acted = Counter((a["resourceId"], c) for a in sandbox_actions(sandbox) for c in a["courseIds"])
        assert acted == before  # every course of every update reached the sandbox exactly once

    def test_by_course_view(self, page, app_url):
        sign_in(page, app_url, next_path="/updates/")
        page.get_by_role("link", name="By course").click()
        expect(page.locator(".course-group")).to_have_count(6)
        assert_accessible(page)
