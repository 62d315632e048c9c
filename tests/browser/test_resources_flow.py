"""Find, favorite, import in Chromium: by keyboard alone with JavaScript, and without JavaScript."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from ..servers import sandbox_actions
from .a11y import assert_accessible
from .keyboard import (
    expect_announced,
    expect_focus_on,
    mark_live_regions,
    press_on,
    sign_in_by_keyboard,
    signed_in_at,
    type_into,
)

pytestmark = pytest.mark.browser
HOLDS = re.compile(r"holds (a|an older|the latest) copy")


def results(page):
    return page.locator("#find-list > li:not(.load-more)")


def import_two_courses(page) -> None:
    for n in range(2):
        press_on(page, page.locator("input[name=course_ids]").nth(n), "Space")
    press_on(page, page.get_by_role("button", name="Import", exact=True))


class KeyboardTests:
    def test_search_star_open_import_and_see_it_in_imports(self, page, app_url, sandbox):
        sign_in_by_keyboard(page, app_url, next_path="/resources/")
        mark_live_regions(page)
        box = page.get_by_label("Search Commons")
        type_into(page, box, "water")
        expect(page).to_have_url(re.compile(r"/resources/\?q=water"))
        expect_announced(page, "match “water”.")
        expect_focus_on(page, box)
        assert_accessible(page)

        star = results(page).first.locator("form.star button")
        before = star.get_attribute("aria-pressed")
        press_on(page, star)
        expect(results(page).first.locator("form.star button")).not_to_have_attribute("aria-pressed", before)
        expect_focus_on(page, results(page).first.locator("form.star button"))

        title = results(page).first.locator(".card-title").inner_text()
        press_on(page, results(page).first.get_by_role("link", name=f"Import… {title}"))
        page.wait_for_url(re.compile(r"/resources/[\w-]+/"))
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        mark_live_regions(page)
        assert_accessible(page)

        import_two_courses(page)
        expect_announced(page, f"Imported “{title}” into 2 courses")
        expect_focus_on(page, page.locator("#messages .message").first)
        imports = [a for a in sandbox_actions(sandbox) if a["kind"] == "import"]
        assert [(a["resourceId"] != "", len(a["courseIds"])) for a in imports] == [(True, 2)]

        press_on(page, page.get_by_role("link", name="Imports"))
        page.wait_for_url(f"{app_url}/imports/")
        expect(page.locator("#imports-list .card-title").first).to_have_text(title)

    def test_no_course_chosen_marks_the_group_and_focuses_it(self, page, app_url, sandbox):
        sign_in_by_keyboard(page, app_url, next_path="/resources/?q=water")
        press_on(page, results(page).first.get_by_role("link", name=re.compile(r"^Import…")))
        page.wait_for_url(re.compile(r"/resources/[\w-]+/"))
        mark_live_regions(page)
        press_on(page, page.get_by_role("button", name="Import", exact=True))
        expect_announced(page, "Error: Select at least one course.")
        expect_focus_on(page, page.locator("input[name=course_ids]").first)
        assert sandbox_actions(sandbox) == []

    def test_overwriting_a_copy_asks_first_and_cancel_gives_focus_back(self, page, app_url, sandbox):
        sign_in_by_keyboard(page, app_url, next_path="/updates/")
        rid = page.locator("#updates-list input[name=resource_ids]").first.get_attribute("value")
        page.goto(f"{app_url}/resources/{rid}/")
        held = page.locator("li", has_text=HOLDS).locator("input[name=course_ids]").first
        press_on(page, held, "Space")
        press_on(page, page.get_by_role("button", name="Import", exact=True))
        expect_focus_on(page, page.locator("#confirm-heading"))
        expect(page.locator(".confirm")).to_contain_text("overwrites that copy")
        assert_accessible(page)
        press_on(page, page.get_by_role("link", name="Cancel"))
        expect_focus_on(page, page.get_by_role("button", name="Import", exact=True))
        expect(page.locator("li", has_text=HOLDS).locator("input[name=course_ids]").first).to_be_checked()
        assert sandbox_actions(sandbox) == []

    def test_importing_again_into_a_course_asks_first_and_names_it(self, page, app_url, sandbox):
        sign_in_by_keyboard(page, app_url, next_path="/resources/?q=water")
        press_on(page, results(page).first.get_by_role("link", name=re.compile(r"^Import…")))
        page.wait_for_url(re.compile(r"/resources/[\w-]+/"))
        first = page.locator("input[name=course_ids]").first
        course = page.locator(f"label[for={first.get_attribute('id')}]").inner_text()
        press_on(page, first, "Space")
        press_on(page, page.get_by_role("button", name="Import", exact=True))
        expect(page.locator("#messages")).to_contain_text("Imported")
        expect(page.locator(f"label[for={first.get_attribute('id')}]")).to_contain_text("holds the latest copy")
        press_on(page, page.locator("input[name=course_ids]").first, "Space")
        press_on(page, page.get_by_role("button", name="Import", exact=True))
        expect_focus_on(page, page.locator("#confirm-heading"))
        expect(page.locator(".confirm")).to_contain_text(f"{course.split(' (')[0]} already holds a copy")
        assert_accessible(page)
        assert len([a for a in sandbox_actions(sandbox) if a["kind"] == "import"]) == 1


class WithoutJavaScriptTests:
    def test_search_star_open_import(self, nojs_page, app_url, sandbox):
        page = nojs_page
        sign_in_by_keyboard(page, app_url, next_path="/resources/")
        type_into(page, page.get_by_label("Search Commons"), "water")
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(r"/resources/\?q=water"))
        press_on(page, results(page).first.locator("form.star button"))
        expect(page.locator("#messages")).to_contain_text("in your favorites.")
        title = results(page).first.locator(".card-title").inner_text()
        press_on(page, results(page).first.get_by_role("link", name=f"Import… {title}"))
        import_two_courses(page)
        expect(page.locator("#messages")).to_contain_text(f"Imported “{title}” into 2 courses")
        expect_focus_on(page, page.locator("#messages .message").first)
        assert [len(a["courseIds"]) for a in sandbox_actions(sandbox) if a["kind"] == "import"] == [2]
        assert_accessible(page)

    def test_load_more_is_a_link(self, nojs_page, app_url):
        sign_in_by_keyboard(nojs_page, app_url, next_path="/resources/")
        press_on(nojs_page, nojs_page.get_by_role("link", name="Load more"))
        expect(nojs_page).to_have_url(re.compile(r"cursor="))
        expect(results(nojs_page)).not_to_have_count(0)


class LoadMoreByKeyboardTests:
    def test_focus_lands_on_the_first_new_result_and_the_count_is_announced(self, page, app_url):
        signed_in_at(page, app_url, "/resources/")
        expect(results(page)).to_have_count(24)
        press_on(page, page.get_by_role("link", name="Load more"))
        expect(results(page)).to_have_count(48)
        expect_focus_on(page, results(page).nth(24))
        expect_announced(page, "24 more resources loaded.")
