"""The dashboard in Arabic (right to left) and French (the longest words): the language chosen in the
footer by keyboard, axe on every page in Arabic, reflow at 320 px in both, and the keyboard flows
that matter most, driven by their translated names."""
from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.utils import translation
from playwright.sync_api import expect

from .a11y import assert_accessible
from .helpers import TEACHER_PAGES, first_update_path, no_horizontal_scroll
from .keyboard import expect_announced, expect_focus_on, mark_live_regions, press_on, sign_in_by_keyboard, tab_to

pytestmark = pytest.mark.browser
# Arabic is built (right to left) but offered only once its catalogue is complete (settings.LANGUAGES).
ARABIC = pytest.mark.skipif("ar" not in dict(settings.LANGUAGES), reason="Arabic is not offered yet")
REMOVE = "button[formaction*='/remove/']"


def said(lang: str, text: str, **values) -> str:
    """What the page says for ``text`` in ``lang`` (the catalogue's own translation)."""
    with translation.override(lang):
        return translation.gettext(text) % values if values else translation.gettext(text)


def choose_language(page, name: str) -> None:
    """The footer's menu, by keyboard: Shift+Tab from the top of the page (the footer is last), Enter."""
    press_on(page, page.locator("footer").get_by_role("button", name=name, exact=True), backwards=True)
    expect(page.locator("footer button[aria-current=true]")).to_have_text(name)  # the page came back in it


def signed_in_in(page, app_url: str, name: str, path: str = "/", session_id: str = "demo-teacher"):
    sign_in_by_keyboard(page, app_url, session_id, next_path=path)
    choose_language(page, name)
    mark_live_regions(page)
    return page


def pages(sandbox) -> list[str]:
    update = first_update_path(sandbox)
    return [*TEACHER_PAGES, update, f"/resources/{update.split('/')[2]}/"]


class LanguageMenuTests:
    @ARABIC
    def test_choosing_arabic_by_keyboard_turns_the_page_right_to_left(self, page, app_url):
        signed_in_in(page, app_url, "العربية")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")

    def test_the_chosen_language_is_the_pages(self, page, app_url):
        signed_in_in(page, app_url, "Français")
        expect(page.locator("html")).to_have_attribute("lang", "fr")

    def test_the_choice_comes_back_to_the_same_page(self, page, app_url):
        signed_in_in(page, app_url, "Español", "/favorites/")
        assert page.url.endswith("/favorites/")

    def test_the_menu_says_which_is_chosen(self, page, app_url):
        signed_in_in(page, app_url, "Português (Brasil)")
        expect(page.locator("footer").get_by_role("button", name="Português (Brasil)")).to_have_attribute("aria-current", "true")


@ARABIC
class ArabicAxeTests:
    def test_every_page(self, page, app_url, sandbox):
        signed_in_in(page, app_url, "العربية")
        for path in pages(sandbox):
            page.goto(f"{app_url}{path}")
            expect(page.locator("html")).to_have_attribute("lang", "ar")
            assert_accessible(page)

    def test_the_sign_in_page(self, page, app_url):
        page.goto(f"{app_url}/signin/")
        choose_language(page, "العربية")
        assert_accessible(page)

    def test_user_search_results(self, page, app_url):
        signed_in_in(page, app_url, "العربية", "/users/?q=example", session_id="demo-admin")
        assert_accessible(page)


@pytest.mark.parametrize("language", [pytest.param("العربية", marks=ARABIC), "Français"])
class ReflowTests:
    def test_every_page_at_320_px(self, page, app_url, sandbox, language):
        page.set_viewport_size({"width": 320, "height": 640})
        signed_in_in(page, app_url, language)
        wide = [path for path in pages(sandbox) if not (page.goto(f"{app_url}{path}") and no_horizontal_scroll(page))]
        assert wide == []

    def test_the_sign_in_page_at_320_px(self, page, app_url, language):
        page.set_viewport_size({"width": 320, "height": 640})
        page.goto(f"{app_url}/signin/")
        choose_language(page, language)
        assert no_horizontal_scroll(page)


@ARABIC
class ArabicKeyboardTests:
    def cards(self, page):
        return page.locator("#favorites-results article.card")

    def test_removing_a_favorite_puts_focus_on_its_undo(self, page, app_url):
        signed_in_in(page, app_url, "العربية", "/favorites/")
        press_on(page, self.cards(page).nth(1).locator(REMOVE))
        undo = page.locator("#favorites-results .card-list > li").nth(1).locator(".undo button")
        expect(undo).to_have_accessible_name(re.compile("^" + re.escape(said("ar", "Undo"))))
        expect_focus_on(page, undo)

    def test_the_removal_is_announced_in_arabic(self, page, app_url):
        signed_in_in(page, app_url, "العربية", "/favorites/")
        title = self.cards(page).first.locator(".card-title").inner_text()
        press_on(page, self.cards(page).first.locator(REMOVE))
        expect_announced(page, title)

    def test_undo_puts_the_card_back_with_focus_on_its_title(self, page, app_url):
        signed_in_in(page, app_url, "العربية", "/favorites/")
        title = self.cards(page).first.locator(".card-title").inner_text()
        press_on(page, self.cards(page).first.locator(REMOVE))
        expect(page.locator(".undo button")).to_be_focused()
        press_on(page, page.locator(".undo button"))  # once htmx has taken the new Undo over, as a person would
        expect_focus_on(page, self.cards(page).first.get_by_role("link", name=title, exact=True))

    def test_the_star_keeps_focus_and_says_its_state(self, page, app_url):
        signed_in_in(page, app_url, "العربية", "/resources/")
        star = page.locator("#find-list .star-toggle").first
        before = star.get_attribute("aria-pressed")
        press_on(page, star)
        star = page.locator("#find-list .star-toggle").first
        expect(star).not_to_have_attribute("aria-pressed", before)
        expect_focus_on(page, star)

    def test_an_import_without_a_course_puts_focus_on_the_error(self, page, app_url, sandbox):
        signed_in_in(page, app_url, "العربية", f"/resources/{first_update_path(sandbox).split('/')[2]}/")
        with translation.override("ar"):
            import_ = translation.pgettext("verb", "Import")
        press_on(page, page.get_by_role("button", name=import_, exact=True))
        expect_announced(page, said("ar", "Error:"))
        expect_focus_on(page, page.locator("input[name=course_ids]").first)

    def test_ignoring_an_update_asks_first_with_focus_on_the_question(self, page, app_url, sandbox):
        signed_in_in(page, app_url, "العربية", first_update_path(sandbox))
        tab_to(page, page.locator("#course-1"))
        page.keyboard.press("Space")
        press_on(page, page.get_by_role("button", name=said("ar", "Ignore for selected courses")))
        expect_focus_on(page, page.locator("#confirm-heading"))
