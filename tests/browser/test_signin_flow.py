from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .helpers import sign_in

pytestmark = pytest.mark.browser


class SignInFlowTests:
    def test_sign_in_see_name_sign_out(self, page, app_url):
        sign_in(page, app_url)
        expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, María Hernández")
        expect(page.locator(".who-account")).to_have_text("Maple Valley School District")
        page.get_by_role("button", name="Sign out").click()
        page.wait_for_url(f"{app_url}/signin/")
        expect(page.get_by_text("You have signed out.")).to_be_visible()
        page.goto(f"{app_url}/")
        expect(page).to_have_url(f"{app_url}/signin/")

    def test_wrong_session_id_shows_a_message(self, page, app_url):
        page.goto(f"{app_url}/signin/")
        page.get_by_label("Session ID").fill("wrong-id")
        page.get_by_role("button", name="Sign in", exact=True).click()
        expect(page.get_by_role("region", name="There is a problem")).to_contain_text("Commons did not accept this session id")

    def test_one_click_demo_sign_in_without_javascript(self, nojs_page, app_url):
        nojs_page.goto(f"{app_url}/favorites/")
        nojs_page.get_by_role("button", name="Sign in as demo-admin").click()
        nojs_page.wait_for_url(f"{app_url}/favorites/")
        expect(nojs_page.locator(".who-name")).to_have_text("Priya Raman")
        expect(nojs_page.get_by_role("link", name="Users")).to_be_visible()
