"""Every page: axe (WCAG 2.2 A/AA, light and dark) and reflow at 320 CSS pixels (WCAG 1.4.10)."""
from __future__ import annotations

import pytest
import requests

from .a11y import assert_accessible
from .helpers import sign_in

pytestmark = pytest.mark.browser

TEACHER_PAGES = ["/", "/favorites/", "/favorites/?q=quiz", "/imports/", "/updates/", "/updates/?view=courses",
                 "/users/u-064/profile/"]


def first_update_path(sandbox) -> str:
    data = requests.get(f"{sandbox.url}/api/users/u-maria/updates", headers={"X-Session-ID": "demo-teacher"}, timeout=5)
    return f"/updates/{data.json()['items'][0]['resource']['id']}/"


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")


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

    def test_user_search_results(self, page, app_url):
        sign_in(page, app_url, "demo-admin")
        page.goto(f"{app_url}/users/?q=example")
        assert_accessible(page)

    def test_narrow_and_dark_sign_in(self, narrow, app_url):
        narrow.goto(f"{app_url}/signin/")
        assert_accessible(narrow)
