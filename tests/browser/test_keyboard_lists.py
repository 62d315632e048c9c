"""Imports, user search and sign-in/out by keyboard alone: filter, show more, stars, search as you type."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from ..helpers import users_matching
from .a11y import assert_accessible
from .keyboard import (
    expect_announced,
    expect_focus_on,
    focus_is_in_main,
    press_on,
    sign_in_by_keyboard,
    signed_in_at,
    tab_to,
    type_into,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def imports(page, app_url):
    return signed_in_at(page, app_url, "/imports/")


def import_items(page):
    return page.locator("#imports-list > li:not(.load-more)")


class ImportsFilterTests:
    def test_typing_keeps_focus_in_the_box(self, imports):
        box = imports.get_by_label("Filter imports")
        type_into(imports, box, "water")
        expect(import_items(imports)).not_to_have_count(30)
        expect_focus_on(imports, box)

    def test_the_match_count_is_announced(self, imports):
        type_into(imports, imports.get_by_label("Filter imports"), "water")
        expect_announced(imports, "of 30 imports match.")

    def test_sorting_by_title_by_keyboard(self, imports):
        tab_to(imports, imports.get_by_label("Sort by"))
        imports.keyboard.press("ArrowDown")  # Last updated
        expect(imports).to_have_url(re.compile(r"sort=updated"))
        imports.keyboard.press("ArrowDown")  # Title
        expect(imports).to_have_url(re.compile(r"sort=title"))
        shown = import_items(imports).locator(".card-title").all_inner_texts()
        assert shown == sorted(shown, key=str.casefold)


class ImportsShowMoreTests:
    @pytest.fixture(autouse=True)
    def short_pages(self, monkeypatch):
        monkeypatch.setattr("lor_dashboard.core.listing.PAGE", 10)  # the live server runs in this process

    def test_focus_lands_on_the_first_new_item(self, imports):
        press_on(imports, imports.get_by_role("link", name="Show more imports"))
        expect(import_items(imports)).to_have_count(20)
        expect_focus_on(imports, import_items(imports).nth(10))

    def test_the_next_tab_reaches_the_new_items_content(self, imports):
        press_on(imports, imports.get_by_role("link", name="Show more imports"))
        expect_focus_on(imports, import_items(imports).nth(10))
        imports.keyboard.press("Tab")
        assert imports.evaluate("() => document.activeElement.closest('li') === document.querySelectorAll('#imports-list > li')[10]")

    def test_how_many_arrived_is_announced(self, imports):
        press_on(imports, imports.get_by_role("link", name="Show more imports"))
        expect_announced(imports, "10 more imports shown.")


class StarTests:
    def star(self, page):
        return import_items(page).first.locator("form.star button")

    def test_the_star_keeps_focus_and_flips_its_state(self, imports):
        before = self.star(imports).get_attribute("aria-pressed")
        press_on(imports, self.star(imports))
        expect(self.star(imports)).not_to_have_attribute("aria-pressed", before)
        expect_focus_on(imports, self.star(imports))

    def test_the_star_keeps_one_name_that_says_which_resource(self, imports):
        title = import_items(imports).first.locator(".card-title").inner_text()
        expect(self.star(imports)).to_have_accessible_name(f"Favorite {title}")
        press_on(imports, self.star(imports))
        expect(self.star(imports)).to_have_accessible_name(f"Favorite {title}")

    def test_space_toggles_it_too(self, imports):
        before = self.star(imports).get_attribute("aria-pressed")
        press_on(imports, self.star(imports), "Space")
        expect(self.star(imports)).not_to_have_attribute("aria-pressed", before)

    def test_the_outcome_is_announced(self, imports):
        title = import_items(imports).first.locator(".card-title").inner_text()
        press_on(imports, self.star(imports))
        expect_announced(imports, f"“{title}” is")


@pytest.fixture
def users(page, app_url):
    return signed_in_at(page, app_url, "/users/", "demo-admin")


def user_rows(page):
    return page.locator("#user-results tbody tr:not(.load-more)")


class UserSearchTests:
    def test_typing_keeps_focus_in_the_box(self, users, sandbox):
        box = users.get_by_label("Search users")
        type_into(users, box, "example")
        expect(users.locator("#user-results .count")).to_contain_text(f"{users_matching(sandbox, 'example')} users match")
        expect_focus_on(users, box)

    def test_the_count_is_announced(self, users, sandbox):
        type_into(users, users.get_by_label("Search users"), "example")
        expect_announced(users, f"{users_matching(sandbox, 'example')} users match “example”.")

    def test_no_match_is_announced(self, users):
        type_into(users, users.get_by_label("Search users"), "zzzq")
        expect_announced(users, "No users match “zzzq”.")

    def test_the_title_follows_the_search(self, users):
        type_into(users, users.get_by_label("Search users"), "hannah")
        expect(users).to_have_title("Users: hannah · LOR Dashboard")

    def test_the_idle_indicator_is_hidden_from_assistive_technology(self, users):
        expect(users.locator("#search-indicator")).to_have_attribute("aria-hidden", "true")

    def test_load_more_focuses_the_first_new_row(self, users):
        type_into(users, users.get_by_label("Search users"), "example")
        expect(user_rows(users)).to_have_count(10)
        press_on(users, users.get_by_role("link", name="Load more"))
        expect(user_rows(users)).to_have_count(20)
        expect_focus_on(users, user_rows(users).nth(10))
        expect_announced(users, "10 more users loaded.")
        assert_accessible(users)

    def test_a_teacher_hears_why_search_is_refused(self, page, app_url):
        signed_in_at(page, app_url, "/users/")
        type_into(page, page.get_by_label("Search users"), "hannah")
        expect_announced(page, "User search is for Commons admins and group managers.")


class SignInAndOutTests:
    def test_sign_in_lands_focus_on_the_welcome_message(self, page, app_url):
        sign_in_by_keyboard(page, app_url)
        expect_focus_on(page, page.locator("#messages .message").first)
        expect(page.locator("#messages")).to_contain_text("Signed in as María Hernández.")

    def test_a_wrong_session_id_opens_an_error_summary_with_focus(self, page, app_url):
        page.goto(f"{app_url}/signin/")
        type_into(page, page.get_by_label("Session ID"), "wrong-id")
        page.keyboard.press("Enter")
        expect_focus_on(page, page.locator(".error-summary"))
        expect(page).to_have_title("Error: Sign in · LOR Dashboard")
        expect(page.get_by_label("Session ID")).to_have_accessible_description(
            "Error: Commons did not accept this session id. Check it and try again.")

    def test_sign_out_by_keyboard(self, page, app_url):
        sign_in_by_keyboard(page, app_url)
        press_on(page, page.get_by_role("button", name="Sign out"))
        page.wait_for_url(f"{app_url}/signin/")
        expect_focus_on(page, page.locator("#messages .message").first)

    def test_skip_link_moves_focus_to_main(self, page, app_url):
        sign_in_by_keyboard(page, app_url)
        page.goto(f"{app_url}/favorites/")
        page.keyboard.press("Tab")
        expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        assert focus_is_in_main(page)
