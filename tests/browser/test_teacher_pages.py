"""Teacher pages in Chromium, with and without JavaScript, with the axe check before and after swaps."""
from __future__ import annotations

import re

import pytest
import requests
from playwright.sync_api import expect

from .a11y import assert_accessible
from .helpers import sign_in

pytestmark = pytest.mark.browser


def cards(page):
    return page.locator("#favorites-results article.card")


def not_yet_favorite(sandbox) -> str:
    headers = {"X-Session-ID": "demo-teacher"}
    favorites = {r["id"] for r in requests.get(f"{sandbox.url}/api/users/u-maria/favorites", headers=headers, timeout=5).json()["items"]}
    everything = requests.get(f"{sandbox.url}/api/resources?size=100", headers=headers, timeout=5).json()["items"]
    return next(r["id"] for r in everything if r["id"] not in favorites)


class OverviewPageTests:
    def test_counts_and_accessibility(self, page, app_url):
        sign_in(page, app_url)
        expect(page.locator(".count-card .big")).to_have_text(["9", "30", "15"])
        assert_accessible(page)
        page.get_by_role("link", name="Pending updates").click()
        page.wait_for_url(f"{app_url}/updates/")

    def test_sign_in_page_is_accessible(self, page, app_url):
        page.goto(f"{app_url}/signin/")
        assert_accessible(page)


class FavoritesWithJavaScriptTests:
    def test_filter_as_you_type_then_back_button(self, page, app_url):
        sign_in(page, app_url, next_path="/favorites/")
        assert_accessible(page)
        expect(cards(page)).to_have_count(9)
        page.get_by_label("Filter favorites").press_sequentially("quiz", delay=30)
        expect(page).to_have_url(f"{app_url}/favorites/?q=quiz&type=&sort=updated")
        filtered = cards(page).count()
        assert 0 < filtered < 9
        assert_accessible(page)
        page.get_by_label("Type").select_option("course")
        expect(page).to_have_url(f"{app_url}/favorites/?q=quiz&type=course&sort=updated")
        page.go_back()
        expect(page).to_have_url(f"{app_url}/favorites/?q=quiz&type=&sort=updated")
        expect(page.get_by_label("Filter favorites")).to_have_value("quiz")
        expect(cards(page)).to_have_count(filtered)
        page.go_back()
        expect(cards(page)).to_have_count(9)

    def test_add_unknown_then_known(self, page, app_url, sandbox):
        sign_in(page, app_url, next_path="/favorites/")
        page.get_by_text("Add by resource id").click()
        page.get_by_label("Resource ID").fill("nope-not-here")
        page.get_by_role("button", name="Add favorite").click()
        expect(page.locator("#id_resource_id-error")).to_contain_text("Commons has no resource with this id")
        assert_accessible(page)
        new = not_yet_favorite(sandbox)
        page.get_by_label("Resource ID").fill(new)
        page.get_by_role("button", name="Add favorite").click()
        expect(cards(page)).to_have_count(10)
        expect(page.locator("#messages")).to_contain_text(re.compile(r"Added “.+” to your favorites\."))

    def test_remove_in_place_then_undo(self, page, app_url):
        sign_in(page, app_url, next_path="/favorites/")
        first = cards(page).first.locator(".card-title").inner_text()
        cards(page).first.get_by_role("button", name="Remove").click()
        expect(cards(page)).to_have_count(8)
        expect(page.locator("li.removed")).to_contain_text(f"Removed “{first}”.")
        assert_accessible(page)
        page.locator("li.removed").get_by_role("button", name=re.compile(r"^Undo")).click()
        expect(cards(page)).to_have_count(9)
        expect(page.locator("#status")).to_contain_text(f"Restored “{first}”.")

    def test_remove_selected_takes_three_away(self, page, app_url):
        sign_in(page, app_url, next_path="/favorites/")
        for n in range(3):
            cards(page).nth(n).get_by_label("Select").check()
        page.get_by_role("button", name="Remove selected").click()
        expect(cards(page)).to_have_count(6)
        expect(page.locator("#favorites-results .removed-line")).to_contain_text("Removed 3 favorites: “")


class FavoritesWithoutJavaScriptTests:
    def test_filter_add_remove_undo_bulk(self, nojs_page, app_url, sandbox):
        page = nojs_page
        sign_in(page, app_url, next_path="/favorites/")
        page.get_by_label("Filter favorites").fill("quiz")
        page.get_by_role("button", name="Apply").click()
        expect(page).to_have_url(f"{app_url}/favorites/?q=quiz&type=&sort=updated")
        page.goto(f"{app_url}/favorites/")
        new = not_yet_favorite(sandbox)
        page.get_by_text("Add by resource id").click()
        page.get_by_label("Resource ID").fill(new)
        page.get_by_role("button", name="Add favorite").click()
        expect(page.locator("#messages")).to_contain_text(f"Added resource {new}")
        expect(cards(page)).to_have_count(10)
        cards(page).first.get_by_role("button", name="Remove").click()
        expect(page.locator("#messages")).to_contain_text("Removed “")
        expect(cards(page)).to_have_count(9)
        page.get_by_role("button", name="Undo").click()
        expect(cards(page)).to_have_count(10)
        cards(page).nth(0).get_by_label("Select").check()
        cards(page).nth(1).get_by_label("Select").check()
        page.get_by_role("button", name="Remove selected").click()
        expect(page.locator("#messages")).to_contain_text("Removed 2 favorites: “")
        expect(cards(page)).to_have_count(8)
        assert_accessible(page)


class ImportsTests:
    def test_filter_and_star_with_javascript(self, page, app_url):
        sign_in(page, app_url, next_path="/imports/")
        items = page.locator("#imports-list article.card")
        expect(items).to_have_count(30)
        assert_accessible(page)
        page.get_by_label("Filter imports").press_sequentially("water", delay=30)
        expect(items).not_to_have_count(30)
        expect(page).to_have_url(f"{app_url}/imports/?q=water&type=&sort=imported")
        assert_accessible(page)
        star = items.first.locator("form.star button")
        before = star.get_attribute("aria-pressed")
        star.click()
        expect(items.first.locator("form.star button")).not_to_have_attribute("aria-pressed", before)

    def test_filter_and_star_without_javascript(self, nojs_page, app_url):
        page = nojs_page
        sign_in(page, app_url, next_path="/imports/")
        page.get_by_label("Filter imports").fill("water")
        page.get_by_role("button", name="Apply").click()
        expect(page).to_have_url(f"{app_url}/imports/?q=water&type=&sort=imported")
        expect(page.locator("#imports-list article.card")).not_to_have_count(30)
        unstarred = page.locator("form.star button[aria-pressed=false]").first
        unstarred.click()
        expect(page.locator("#messages")).to_contain_text("is now in your favorites.")


class ProfileTests:
    def test_author_link_opens_canvas_profile(self, page, app_url, sandbox):
        sign_in(page, app_url, next_path="/favorites/")
        page.locator(".card .meta a").first.click()
        page.wait_for_url(f"{sandbox.url}/canvas/users/*")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Canvas profile")

    def test_no_profile_page_is_accessible(self, page, app_url):
        sign_in(page, app_url)
        page.goto(f"{app_url}/users/u-064/profile/")
        expect(page.get_by_role("heading", level=1)).to_have_text("No Canvas profile")
        assert_accessible(page)
