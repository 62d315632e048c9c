"""Sign in with Canvas in Chromium: the whole OAuth round trip through the sandbox's Canvas."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ..helpers import sandbox_imports
from .a11y import assert_accessible

pytestmark = pytest.mark.browser



class CanvasSignInTests:
    @pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
    def test_click_approve_land_on_next(self, browser, request, app_url, canvas, javascript):
        from .conftest import _open_page

        pages = _open_page(browser, request, javascript=javascript)
        page = next(pages)
        try:
            page.goto(f"{app_url}/favorites/")
            assert_accessible(page)
            page.get_by_role("link", name="Sign in with Canvas").click()
            page.get_by_role("button", name="Authorize as María Hernández").click()
            page.wait_for_url(f"{app_url}/favorites/")
            expect(page.locator(".who-name")).to_have_text("María Hernández")
        finally:
            next(pages, None)

    def test_cancel_in_canvas(self, page, app_url, canvas):
        page.goto(f"{app_url}/signin/")
        page.get_by_role("link", name="Sign in with Canvas").click()
        page.get_by_role("button", name="Cancel").click()
        expect(page.get_by_role("region", name="Sign-in did not work")).to_contain_text("You chose not to authorize LOR Dashboard in Canvas")

    def test_access_token_path(self, page, app_url, canvas):
        page.goto(f"{app_url}/signin/")
        page.get_by_text("Use a Canvas access token").click()
        page.get_by_label("Canvas address").fill(canvas.url)
        page.get_by_label("Canvas access token").fill("demo-admin-token")
        page.get_by_role("button", name="Sign in with the token").click()
        page.wait_for_url(f"{app_url}/")
        expect(page.locator(".who-name")).to_have_text("Priya Raman")

    def test_keeps_working_through_an_expired_commons_session(self, page, app_url, canvas):
        import requests

        def expire():
            requests.post(f"{canvas.url}/sandbox/expire", json={"userId": "u-maria", "what": "commons"}, timeout=5)

        page.goto(f"{app_url}/signin/?next=/favorites/")
        page.get_by_role("link", name="Sign in with Canvas").click()
        page.get_by_role("button", name="Authorize as María Hernández").click()
        page.wait_for_url(f"{app_url}/favorites/")
        expire()
        page.get_by_role("link", name="Imports").click()
        page.wait_for_url(f"{app_url}/imports/")
        expect(page.locator("#imports-list article.card")).to_have_count(len(sandbox_imports(canvas)))
        page.goto(f"{app_url}/favorites/")
        expire()
        page.get_by_label("Filter favorites").press_sequentially("quiz", delay=30)
        expect(page).to_have_url(f"{app_url}/favorites/?q=quiz&type=&sort=updated")
        expect(page.locator("#favorites-results article.card").first).to_be_visible()
        expect(page.locator(".who-name")).to_have_text("María Hernández")
