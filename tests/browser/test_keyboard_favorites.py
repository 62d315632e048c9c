"""Favorites by keyboard alone: where focus lands after each swap, and what is announced."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from ..helpers import all_resources, favorite_ids
from .a11y import assert_accessible
from .keyboard import expect_announced, expect_focus_on, press_on, sign_in_by_keyboard, signed_in_at, tab_to, type_into

pytestmark = pytest.mark.browser


def cards(page):
    return page.locator("#favorites-results article.card")


@pytest.fixture
def favorites(page, app_url):
    return signed_in_at(page, app_url, "/favorites/")


class FilterTests:
    def test_typing_keeps_focus_in_the_box(self, favorites):
        box = favorites.get_by_label("Filter favorites")
        type_into(favorites, box, "quiz")
        expect(cards(favorites)).not_to_have_count(9)
        expect_focus_on(favorites, box)

    def test_the_match_count_is_announced(self, favorites):
        type_into(favorites, favorites.get_by_label("Filter favorites"), "quiz")
        expect_announced(favorites, "of 9 favorites match.")

    def test_the_title_follows_the_search(self, favorites):
        type_into(favorites, favorites.get_by_label("Filter favorites"), "quiz")
        expect(favorites).to_have_title("Favorites matching “quiz” · LOR Dashboard")


class RemoveTests:
    def test_focus_goes_to_the_undo_in_the_cards_place(self, favorites):
        press_on(favorites, cards(favorites).nth(2).get_by_role("button", name="Remove"))
        expect(cards(favorites)).to_have_count(8)
        expect_focus_on(favorites, favorites.locator("#favorites-results .card-list > li").nth(2).get_by_role("button", name=re.compile(r"^Undo removing")))

    def test_the_removal_is_announced_by_title(self, favorites):
        title = cards(favorites).first.locator(".card-title").inner_text()
        press_on(favorites, cards(favorites).first.get_by_role("button", name="Remove"))
        expect_announced(favorites, f"Removed “{title}”.")

    def test_the_page_does_not_move(self, favorites):
        remove = cards(favorites).nth(5).get_by_role("button", name="Remove")
        tab_to(favorites, remove)
        before = favorites.evaluate("() => window.scrollY")
        favorites.keyboard.press("Enter")
        expect(favorites.get_by_role("button", name=re.compile(r"^Undo removing"))).to_be_focused()
        assert favorites.evaluate("() => window.scrollY") == before

    def test_the_count_follows(self, favorites, sandbox):
        before = len(favorite_ids(sandbox))
        press_on(favorites, cards(favorites).first.get_by_role("button", name="Remove"))
        expect(favorites.locator("#favorites-count")).to_have_text(f"{before - 1} favorites.")

    def test_undo_puts_the_card_back_with_focus_on_its_title(self, favorites):
        title = cards(favorites).nth(1).locator(".card-title").inner_text()
        press_on(favorites, cards(favorites).nth(1).get_by_role("button", name="Remove"))
        press_on(favorites, favorites.get_by_role("button", name=re.compile(r"^Undo removing")))
        expect(cards(favorites)).to_have_count(9)
        expect(cards(favorites).nth(1).locator(".card-title")).to_have_text(title)
        expect_focus_on(favorites, favorites.locator("#favorites-results .card-title a", has_text=title))
        expect_announced(favorites, f"Restored “{title}”.")

    def select(self, favorites, positions):
        for n in positions:
            press_on(favorites, cards(favorites).nth(n).get_by_label("Select"), "Space")

    def test_remove_selected_leaves_one_line_with_focus_on_its_undo(self, favorites):
        self.select(favorites, [3, 4, 6])
        press_on(favorites, favorites.get_by_role("button", name="Remove selected"))
        expect(cards(favorites)).to_have_count(6)
        line = favorites.locator("#favorites-results .card-list > li").nth(3)
        expect_focus_on(favorites, line.get_by_role("button", name=re.compile(r"^Undo removing 3 favorites")))
        assert_accessible(favorites)

    def test_remove_selected_is_announced_by_titles(self, favorites):
        titles = [cards(favorites).nth(n).locator(".card-title").inner_text() for n in (0, 1)]
        self.select(favorites, [0, 1])
        press_on(favorites, favorites.get_by_role("button", name="Remove selected"))
        expect_announced(favorites, f"Removed 2 favorites: “{titles[0]}”, “{titles[1]}”.")

    def test_remove_selected_keeps_the_cards_above_in_place(self, favorites):
        """Focus goes to the line (scrolled into view if it must be), never to the top of the page;
        what stood before the first removed card does not move."""
        above = cards(favorites).nth(4)
        where = "el => el.getBoundingClientRect().top + window.scrollY"
        before = above.evaluate(where)
        self.select(favorites, [5, 7])
        press_on(favorites, favorites.get_by_role("button", name="Remove selected"))
        undo = favorites.get_by_role("button", name=re.compile(r"^Undo removing"))
        expect(undo).to_be_focused()
        expect(undo).to_be_in_viewport()
        assert above.evaluate(where) == before
        assert favorites.evaluate("() => window.scrollY") > 0

    def test_undo_of_a_selection_puts_every_card_back(self, favorites):
        self.select(favorites, [0, 2])
        press_on(favorites, favorites.get_by_role("button", name="Remove selected"))
        press_on(favorites, favorites.get_by_role("button", name=re.compile(r"^Undo removing")))
        expect(cards(favorites)).to_have_count(9)
        expect_announced(favorites, "Restored 2 favorites.")
        expect_focus_on(favorites, cards(favorites).first.locator(".card-title a"))

    def test_remove_selected_with_nothing_selected_says_so(self, favorites):
        press_on(favorites, favorites.get_by_role("button", name="Remove selected"))
        expect_announced(favorites, "Select at least one favorite to remove.")
        expect_focus_on(favorites, favorites.locator("#messages .message").first)


class AddByIdTests:
    def test_an_unknown_id_puts_focus_on_the_field_with_its_error(self, favorites):
        press_on(favorites, favorites.get_by_text("Add by resource id"))  # the disclosure opens
        field = favorites.get_by_label("Resource ID")
        type_into(favorites, field, "nope-not-here")
        favorites.keyboard.press("Enter")
        expect(favorites.locator("#id_resource_id-error")).to_contain_text("Commons has no resource with this id")
        expect_focus_on(favorites, favorites.get_by_label("Resource ID"))
        expect(favorites.get_by_label("Resource ID")).to_have_attribute("aria-invalid", "true")
        expect(favorites.get_by_label("Resource ID")).to_have_accessible_description(
            "Error: Commons has no resource with this id. Check it and try again.")
        assert_accessible(favorites)


    def test_a_success_after_an_error_replaces_it(self, favorites, sandbox):
        press_on(favorites, favorites.get_by_text("Add by resource id"))
        type_into(favorites, favorites.get_by_label("Resource ID"), "nope-not-here")
        favorites.keyboard.press("Enter")
        expect(favorites.locator("#id_resource_id-error")).to_be_visible()
        new = next(r for r in all_resources(sandbox) if r["id"] not in favorite_ids(sandbox))
        favorites.keyboard.press("Control+A")
        favorites.keyboard.type(new["id"], delay=10)
        favorites.keyboard.press("Enter")
        expect_announced(favorites, f"Added “{new['title']}” to your favorites.")
        expect(favorites.locator("#id_resource_id-error")).to_have_count(0)
        expect_focus_on(favorites, favorites.locator("#messages .message").first)

    def test_a_duplicate_is_said_not_added(self, favorites, sandbox):
        press_on(favorites, favorites.get_by_text("Add by resource id"))
        type_into(favorites, favorites.get_by_label("Resource ID"), favorite_ids(sandbox)[0])
        favorites.keyboard.press("Enter")
        expect_announced(favorites, "is already in your favorites.")


class WithoutJavaScriptTests:
    def test_form_errors_open_with_an_error_summary_that_takes_focus(self, nojs_page, app_url):
        sign_in_by_keyboard(nojs_page, app_url, next_path="/favorites/")
        press_on(nojs_page, nojs_page.get_by_text("Add by resource id"))
        type_into(nojs_page, nojs_page.get_by_label("Resource ID"), "nope-not-here")
        nojs_page.keyboard.press("Enter")
        expect_focus_on(nojs_page, nojs_page.locator(".error-summary"))
        expect(nojs_page).to_have_title("Error: Favorites · LOR Dashboard")
        press_on(nojs_page, nojs_page.locator(".error-summary a"))
        expect(nojs_page.get_by_label("Resource ID")).to_be_focused()

    def test_a_duplicate_is_said_with_focus_on_it(self, nojs_page, app_url, sandbox):
        sign_in_by_keyboard(nojs_page, app_url, next_path="/favorites/")
        press_on(nojs_page, nojs_page.get_by_text("Add by resource id"))
        type_into(nojs_page, nojs_page.get_by_label("Resource ID"), favorite_ids(sandbox)[0])
        nojs_page.keyboard.press("Enter")
        expect_focus_on(nojs_page, nojs_page.locator("#messages .message").first)
        expect(nojs_page.locator("#messages .message").first).to_contain_text("is already in your favorites.")
        expect(cards(nojs_page)).to_have_count(len(favorite_ids(sandbox)))

    def test_after_a_removal_focus_starts_on_the_outcome(self, nojs_page, app_url):
        sign_in_by_keyboard(nojs_page, app_url, next_path="/favorites/")
        press_on(nojs_page, cards(nojs_page).first.get_by_role("button", name="Remove"))
        expect_focus_on(nojs_page, nojs_page.locator("#messages .message").first)
        nojs_page.keyboard.press("Tab")
        expect(nojs_page.get_by_role("button", name="Undo")).to_be_focused()


class ShowMoreTests:
    @pytest.fixture
    def short_pages(self, monkeypatch):
        monkeypatch.setattr("lor_dashboard.core.listing.PAGE", 4)  # the live server runs in this process

    def test_focus_lands_on_the_first_card_shown_next(self, short_pages, favorites):
        expect(cards(favorites)).to_have_count(4)
        press_on(favorites, favorites.get_by_role("link", name="Show more favorites"))
        expect(cards(favorites)).to_have_count(8)
        expect_focus_on(favorites, favorites.locator("#favorites-results .card-list > li").nth(4))

    def test_how_many_came_is_announced(self, short_pages, favorites):
        press_on(favorites, favorites.get_by_role("link", name="Show more favorites"))
        expect_announced(favorites, "4 more favorites shown.")
