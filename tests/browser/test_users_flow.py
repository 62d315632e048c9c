"""Admin user search in Chromium: as you type, load more, back button; and without JavaScript."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ..helpers import users_matching
from .a11y import assert_accessible
from .helpers import sign_in

pytestmark = pytest.mark.browser


def rows(page):
    return page.locator("#user-results tbody tr:not(.load-more)")


class UserSearchTests:
    def test_type_load_more_back(self, page, app_url, sandbox):
        sign_in(page, app_url, "demo-admin", next_path="/users/")
        expect(page.get_by_text("Type at least 3 characters")).to_be_visible()
        assert_accessible(page)
        box = page.get_by_label("Search users")
        box.press_sequentially("han", delay=40)
        expect(page).to_have_url(f"{app_url}/users/?q=han")
        expect(rows(page).first).to_contain_text("Han")
        box.press_sequentially("nah", delay=40)
        expect(page).to_have_url(f"{app_url}/users/?q=hannah")
        hannahs = rows(page).count()
        assert 0 < hannahs <= 10
        box.fill("example")
        expect(page).to_have_url(f"{app_url}/users/?q=example")
        expect(page.locator("#user-results .count")).to_contain_text(f"{users_matching(sandbox, 'example')} users match")
        page.get_by_role("link", name="Load more").click()
        expect(rows(page)).to_have_count(20)
        assert_accessible(page)
        page.go_back()
        expect(page).to_have_url(f"{app_url}/users/?q=hannah")
        expect(page.get_by_label("Search users")).to_have_value("hannah")
        expect(rows(page)).to_have_count(hannahs)

    def test_export_downloads_csv(self, page, app_url):
        sign_in(page, app_url, "demo-admin", next_path="/users/?q=example")
        with page.expect_download() as download:
            page.get_by_role("link", name="Download CSV").click()
        lines = open(download.value.path(), encoding="utf-8").read().splitlines()
        assert lines[0] == "name,email,account id,user id"
        assert len(lines) == 66

    def test_search_and_load_more_work_without_javascript(self, nojs_page, app_url):
        page = nojs_page
        sign_in(page, app_url, "demo-admin", next_path="/users/")
        page.get_by_label("Search users").fill("example")
        page.get_by_role("button", name="Search").click()
        expect(page).to_have_url(f"{app_url}/users/?q=example")
        expect(rows(page)).to_have_count(10)
        page.get_by_role("link", name="Load more").click()
        expect(rows(page)).to_have_count(10)
        assert "cursor=" in page.url
        assert_accessible(page)

    def test_teacher_sees_the_403_message(self, page, app_url):
        sign_in(page, app_url, "demo-teacher", next_path="/users/")
        expect(page.get_by_role("link", name="Users")).to_have_count(0)
        page.get_by_label("Search users").press_sequentially("hannah", delay=30)
        expect(page.locator("#user-results .notice")).to_contain_text("User search is for Commons admins and group managers.")
        assert_accessible(page)
