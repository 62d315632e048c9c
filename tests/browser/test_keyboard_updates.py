"""Updates by keyboard alone: confirmations take focus, Cancel gives it back, errors are tied to the group."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from ..servers import sandbox_actions
from .a11y import assert_accessible
from .keyboard import expect_announced, expect_focus_on, mark_live_regions, press_on, sign_in_by_keyboard, signed_in_at

pytestmark = pytest.mark.browser


def items(page):
    return page.locator("#updates-list > li:not(.load-more)")


@pytest.fixture
def updates(page, app_url):
    return signed_in_at(page, app_url, "/updates/")


def open_update_with_courses(page, app_url, at_least: int = 2) -> None:
    """The first update on the list that an older copy sits in ``at_least`` courses of."""
    for n in range(items(page).count()):
        if items(page).nth(n).locator(".courses").inner_text().count(",") >= at_least - 1:
            press_on(page, items(page).nth(n).get_by_role("link", name=re.compile(r"^Review the update")))
            page.wait_for_url(re.compile(r"/updates/[\w-]+/$"))  # loaded, htmx ready
            mark_live_regions(page)
            return
    raise AssertionError(f"no update with {at_least} courses on the first page")


def course_boxes(page):
    return page.locator("input[name=course_ids]")


class ListTests:
    def test_apply_on_a_row_asks_first_then_applies_to_all_its_courses(self, updates, sandbox):
        row = items(updates).first
        title = row.locator(".card-title").inner_text()
        press_on(updates, row.get_by_role("link", name=re.compile(r"^Apply…")))
        updates.wait_for_url(re.compile(r"/updates/[\w-]+/\?focus=apply"))
        expect(updates.get_by_role("button", name="Apply to selected courses")).to_be_focused()
        checked = course_boxes(updates).evaluate_all("boxes => boxes.every(b => b.checked)")
        assert checked
        updates.keyboard.press("Enter")
        expect_focus_on(updates, updates.locator("#confirm-heading"))
        press_on(updates, updates.get_by_role("button", name=re.compile(r"^Yes")))
        expect(updates.locator("#messages")).to_contain_text(f"Applied the latest “{title}”")
        assert len([a for a in sandbox_actions(sandbox) if a["kind"] == "import"]) == 1

    def test_select_all_selects_every_update_on_the_page(self, updates):
        press_on(updates, updates.get_by_role("checkbox", name="Select all updates on this page"), "Space")
        assert updates.locator("input[name=resource_ids]").evaluate_all("boxes => boxes.every(b => b.checked)")

    def test_unchecking_one_unchecks_select_all(self, updates):
        select_all = updates.get_by_role("checkbox", name="Select all updates on this page")
        press_on(updates, select_all, "Space")
        press_on(updates, updates.locator("input[name=resource_ids]").first, "Space")
        expect(select_all).not_to_be_checked()

    def test_load_more_focuses_the_first_new_update(self, updates):
        press_on(updates, updates.get_by_role("link", name="Load more"))
        expect(items(updates)).to_have_count(15)
        expect_focus_on(updates, items(updates).nth(10))
        expect_announced(updates, "5 more updates loaded.")

    def test_bulk_ignore_asks_first_with_focus_on_the_question(self, updates, sandbox):
        press_on(updates, items(updates).first.get_by_label("Select"), "Space")
        press_on(updates, updates.get_by_role("button", name="Ignore selected"))
        expect_focus_on(updates, updates.get_by_role("heading", name="Ignore 1 update?"))
        expect(updates.locator(".confirm")).to_contain_text("This cannot be undone here.")
        assert sandbox_actions(sandbox) == []
        assert_accessible(updates)

    def test_cancel_returns_focus_to_the_button_with_the_selection_kept(self, updates, sandbox):
        press_on(updates, items(updates).first.get_by_label("Select"), "Space")
        press_on(updates, updates.get_by_role("button", name="Ignore selected"))
        press_on(updates, updates.get_by_role("link", name="Cancel"))
        expect_focus_on(updates, updates.get_by_role("button", name="Ignore selected"))
        expect(items(updates).first.get_by_label("Select")).to_be_checked()
        assert sandbox_actions(sandbox) == []

    def test_confirmed_bulk_ignore_focuses_the_outcome(self, updates):
        press_on(updates, items(updates).first.get_by_label("Select"), "Space")
        press_on(updates, updates.get_by_role("button", name="Ignore selected"))
        press_on(updates, updates.get_by_role("button", name="Yes, ignore them"))
        expect_focus_on(updates, updates.locator("#messages .message").first)
        expect(updates.locator("#messages")).to_contain_text("1 update ignored: ")


class ByCourseTests:
    @pytest.fixture
    def by_course(self, page, app_url):
        return signed_in_at(page, app_url, "/updates/?view=courses")

    def first_course(self, page):
        group = page.locator("section.course-group").first
        name = group.locator("h2").inner_text().rsplit(" (", 1)[0]
        return group, name, group.locator("ul > li").count()

    @pytest.mark.parametrize("action, yes, kind", [("Apply all…", "Yes, overwrite and apply", "import"),
                                                   ("Ignore all…", "Yes, ignore them", "ignore")])
    def test_a_courses_action_asks_first_then_acts_on_that_course_only(self, by_course, sandbox, action, yes, kind):
        group, name, count = self.first_course(by_course)
        press_on(by_course, group.get_by_role("button", name=f"{action} in {name}"))
        expect_focus_on(by_course, by_course.locator("#confirm-heading"))
        expect(by_course.locator(".confirm")).to_contain_text(name)
        assert sandbox_actions(sandbox) == []
        press_on(by_course, by_course.get_by_role("button", name=yes))
        expect_focus_on(by_course, by_course.locator("#messages .message").first)
        acted = [a for a in sandbox_actions(sandbox) if a["kind"] == kind]
        assert len(acted) == count

    def test_the_question_names_the_course(self, by_course):
        group, name, count = self.first_course(by_course)
        press_on(by_course, group.get_by_role("button", name=f"Apply all… in {name}"))
        expect(by_course.locator("#confirm-heading")).to_have_text(re.compile(rf"^Apply {count} updates? in {re.escape(name)}\?$"))

    def test_cancel_returns_focus_to_the_courses_button(self, by_course, sandbox):
        group, name, _ = self.first_course(by_course)
        press_on(by_course, group.get_by_role("button", name=f"Ignore all… in {name}"))
        press_on(by_course, by_course.get_by_role("link", name="Cancel"))
        expect_focus_on(by_course, by_course.get_by_role("button", name=f"Ignore all… in {name}"))
        assert sandbox_actions(sandbox) == []

    def test_the_outcome_comes_back_to_the_courses(self, by_course):
        group, name, _ = self.first_course(by_course)
        press_on(by_course, group.get_by_role("button", name=f"Ignore all… in {name}"))
        press_on(by_course, by_course.get_by_role("button", name="Yes, ignore them"))
        expect(by_course.get_by_role("heading", name="Updates by course")).to_be_visible()


class DetailTests:
    def test_ignore_asks_first_with_focus_on_the_question(self, updates, app_url, sandbox):
        open_update_with_courses(updates, app_url)
        press_on(updates, course_boxes(updates).first, "Space")
        press_on(updates, updates.get_by_role("button", name="Ignore for selected courses"))
        expect_focus_on(updates, updates.locator("#confirm-heading"))
        expect(updates.locator(".confirm")).to_contain_text("This cannot be undone here")
        assert sandbox_actions(sandbox) == []
        assert_accessible(updates)

    def test_cancel_returns_focus_to_the_button_that_asked(self, updates, app_url):
        open_update_with_courses(updates, app_url)
        press_on(updates, course_boxes(updates).first, "Space")
        press_on(updates, updates.get_by_role("button", name="Apply to selected courses"))
        expect_focus_on(updates, updates.locator("#confirm-heading"))
        press_on(updates, updates.get_by_role("link", name="Cancel"))
        expect_focus_on(updates, updates.get_by_role("button", name="Apply to selected courses"))
        expect(course_boxes(updates).first).to_be_checked()

    @pytest.mark.parametrize("button, yes, outcome", [
        ("Ignore for selected courses", "Yes, ignore it", "Ignored the update"),
        ("Apply to selected courses", "Yes, overwrite and apply", "Applied the latest"),
    ], ids=["ignore", "apply"])
    def test_confirmed_action_focuses_and_announces_the_outcome(self, updates, app_url, sandbox, button, yes, outcome):
        open_update_with_courses(updates, app_url)
        press_on(updates, course_boxes(updates).first, "Space")
        press_on(updates, updates.get_by_role("button", name=button))
        expect_focus_on(updates, updates.locator("#confirm-heading"))
        press_on(updates, updates.get_by_role("button", name=yes))
        expect_announced(updates, outcome)
        expect_focus_on(updates, updates.locator("#messages .message").first)

    def test_no_course_chosen_marks_the_group_and_focuses_it(self, updates, app_url):
        open_update_with_courses(updates, app_url)
        press_on(updates, updates.get_by_role("button", name="Ignore for selected courses"))
        expect_announced(updates, "Error: Select at least one course.")
        expect_focus_on(updates, course_boxes(updates).first)
        expect(updates.get_by_role("group", name="Choose the courses to act on")).to_have_accessible_description(
            "Error: Select at least one course.")
        expect(course_boxes(updates).first).to_have_attribute("aria-invalid", "true")
        assert_accessible(updates)


class WithoutJavaScriptTests:
    def test_no_course_chosen_opens_an_error_summary_with_focus(self, nojs_page, app_url):
        sign_in_by_keyboard(nojs_page, app_url, next_path="/updates/")
        open_update_with_courses(nojs_page, app_url)
        press_on(nojs_page, nojs_page.get_by_role("button", name="Ignore for selected courses"))
        expect_focus_on(nojs_page, nojs_page.locator(".error-summary"))
        expect(nojs_page).to_have_title("Error: Update: " + nojs_page.title().split("Update: ", 1)[1])
        expect(course_boxes(nojs_page).first).to_have_attribute("aria-invalid", "true")
        press_on(nojs_page, nojs_page.locator(".error-summary a"))
        expect(course_boxes(nojs_page).first).to_be_focused()

    def test_ignore_confirmation_takes_focus_on_its_heading(self, nojs_page, app_url):
        sign_in_by_keyboard(nojs_page, app_url, next_path="/updates/")
        open_update_with_courses(nojs_page, app_url)
        press_on(nojs_page, course_boxes(nojs_page).first, "Space")
        press_on(nojs_page, nojs_page.get_by_role("button", name="Ignore for selected courses"))
        expect_focus_on(nojs_page, nojs_page.locator("#confirm-heading"))
        press_on(nojs_page, nojs_page.get_by_role("link", name="Cancel"))
        expect_focus_on(nojs_page, nojs_page.get_by_role("button", name="Ignore for selected courses"))
        expect(course_boxes(nojs_page).first).to_be_checked()
