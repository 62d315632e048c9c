"""Every page: axe (WCAG 2.2 A/AA, light and dark) and reflow at 320 CSS pixels (WCAG 1.4.10)."""
from __future__ import annotations

import pytest

from .a11y import assert_accessible
from .helpers import TEACHER_PAGES, first_update_path, no_horizontal_scroll, sign_in

pytestmark = pytest.mark.browser

@pytest.fixture
def narrow(page):
    page.set_viewport_size({"width": 320, "height": 640})
    return page


class ReflowTests:
    def test_sign_in_page(self, narrow, app_url):
        narrow.goto(f"{app_url}/signin/")
        assert no_horizontal_scroll(narrow)

    @pytest.mark.parametrize("path", TEACHER_PAGES)
    def test_teacher_page(self, narrow, app_url, path):
        sign_in(narrow, app_url)
        narrow.goto(f"{app_url}{path}")
        assert no_horizontal_scroll(narrow)

    def test_update_detail(self, narrow, app_url, sandbox):
        sign_in(narrow, app_url)
        narrow.goto(f"{app_url}{first_update_path(sandbox)}")
        assert no_horizontal_scroll(narrow)

    def test_resource_page(self, narrow, app_url, sandbox):
        sign_in(narrow, app_url)
        narrow.goto(f"{app_url}/resources/{first_update_path(sandbox).split('/')[2]}/")
        assert no_horizontal_scroll(narrow)

    def test_user_search_results(self, narrow, app_url):
        sign_in(narrow, app_url, "demo-admin")
        narrow.goto(f"{app_url}/users/?q=example")
        assert no_horizontal_scroll(narrow)


class AxeTests:
    @pytest.mark.parametrize("path", TEACHER_PAGES)
    def test_teacher_page(self, page, app_url, path):
        sign_in(page, app_url)
        page.goto(f"{app_url}{path}")
        assert_accessible(page)

    def test_update_detail(self, page, app_url, sandbox):
        sign_in(page, app_url)
        page.goto(f"{app_url}{first_update_path(sandbox)}")
        assert_accessible(page)

    def test_resource_page(self, page, app_url, sandbox):
        sign_in(page, app_url)
        page.goto(f"{app_url}/resources/{first_update_path(sandbox).split('/')[2]}/")
        assert_accessible(page)

    def test_user_search_results(self, page, app_url):
        sign_in(page, app_url, "demo-admin")
        page.goto(f"{app_url}/users/?q=example")
        assert_accessible(page)

    def test_narrow_and_dark_sign_in(self, narrow, app_url):
        narrow.goto(f"{app_url}/signin/")
        assert_accessible(narrow)


# WCAG's text-spacing test values (1.4.12): content must survive them.
TEXT_SPACING = """* { line-height: 1.5 !important; letter-spacing: .12em !important; word-spacing: .16em !important; }
p { margin-bottom: 2em !important; }"""


class TextSpacingTests:
    @pytest.mark.parametrize("path", ["/favorites/", "/updates/", "/imports/"])
    def test_wider_text_spacing_loses_nothing_at_320_px(self, browser, app_url, path):
        # A user style sheet, as a reader would add one: our CSP rightly refuses injected styles.
        context = browser.new_context(bypass_csp=True, viewport={"width": 320, "height": 640})
        try:
            page = context.new_page()
            sign_in(page, app_url)
            page.goto(f"{app_url}{path}")
            page.add_style_tag(content=TEXT_SPACING)
            assert no_horizontal_scroll(page)
        finally:
            context.close()


class FocusVisibilityTests:
    def test_nothing_is_fixed_or_sticky_so_focus_is_never_hidden(self, page, app_url):
        sign_in(page, app_url)
        page.goto(f"{app_url}/favorites/")
        covering = page.evaluate("""() => [...document.querySelectorAll('body *')]
            .filter(el => ['fixed', 'sticky'].includes(getComputedStyle(el).position)).map(el => el.outerHTML.slice(0, 80))""")
        assert covering == []

    def test_every_focused_control_shows_a_focus_ring(self, page, app_url):
        sign_in(page, app_url)
        page.goto(f"{app_url}/favorites/")
        unringed = []
        for _ in range(40):
            page.keyboard.press("Tab")
            ring = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
                return [document.activeElement.outerHTML.slice(0, 60), s.outlineStyle, parseFloat(s.outlineWidth)]; }""")
            if ring[1] == "none" or ring[2] < 2:
                unringed.append(ring[0])
        assert unringed == []
