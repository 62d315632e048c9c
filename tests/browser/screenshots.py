"""The README's screenshots, made from the browser tests' fixtures: `make screenshots` runs this
file (its name keeps it out of the suite) and writes docs/screenshots/*.png."""
from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import sign_in

pytestmark = pytest.mark.browser
OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


class ScreenshotTests:
    def test_take_them(self, page, app_url, sandbox):
        OUT.mkdir(parents=True, exist_ok=True)
        page.set_viewport_size({"width": 1280, "height": 800})
        sign_in(page, app_url)
        page.screenshot(path=OUT / "overview.png")
        page.goto(f"{app_url}/resources/?q=water")
        page.locator("#find-list article.card").first.wait_for()
        page.screenshot(path=OUT / "find.png")
        page.locator("#find-list article.card .card-title a").first.click()
        page.wait_for_selector("#import-section")
        page.screenshot(path=OUT / "resource.png", full_page=True)
        page.goto(f"{app_url}/updates/")
        page.screenshot(path=OUT / "updates.png")
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"{app_url}/favorites/")
        page.screenshot(path=OUT / "favorites-phone.png")
