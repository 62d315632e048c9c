"""Hostile upstream data in Chromium: nothing runs, nothing breaks, no unsafe link or image."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from lor_dashboard.settings import content_security_policy

from ..hostile_upstream import HostileUpstream
from ..routes import pages

pytestmark = pytest.mark.browser

# Every signed-in page of the URLconf (tests/routes.py), plus a sort the favorites page offers.
PAGES = pages(signed_in=True) + ["/favorites/?sort=title"]
UNSAFE = ("a[href^='javascript:' i], a[href^='data:' i], img[src^='javascript:' i], img[src^='data:' i], "
          "a[href^='mailto:'][href*='<'], [onerror], [onload], script:not([src])")


@pytest.fixture
def hostile(settings, live_server, db):
    upstream = HostileUpstream()
    settings.LOR_BASE_URL = upstream.url
    settings.CONTENT_SECURITY_POLICY = content_security_policy(upstream.url)
    settings.LOR_DEMO_SESSIONS = []
    yield live_server.url
    upstream.stop()


class HostileDataTests:
    def test_no_payload_runs_and_no_page_breaks(self, page, hostile):
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(f"{hostile}/signin/")
        page.get_by_label("Session ID").fill("anything")
        page.get_by_role("button", name="Sign in", exact=True).click()
        page.wait_for_url(f"{hostile}/")
        for path in PAGES:
            response = page.goto(f"{hostile}{path}")
            assert response.status < 500, path
            expect(page.locator("header .brand")).to_have_text("LOR Dashboard")
            assert page.evaluate("typeof window.__pwned") == "undefined", path
            assert page.locator(UNSAFE).count() == 0, path
        assert dialogs == []
        # The markup is shown as text, where it belongs.
        page.goto(f"{hostile}/favorites/")
        expect(page.locator(".card-title", has_text="<script>")).to_have_count(1)
        expect(page.locator(".who-name")).to_contain_text("<img src=x")
