from __future__ import annotations

import requests

TEACHER_PAGES = ["/", "/favorites/", "/favorites/?q=quiz", "/imports/", "/updates/", "/updates/?view=courses",
                 "/resources/", "/resources/?q=water&type=page",
                 "/users/u-064/profile/"]


def sign_in(page, app_url: str, session_id: str = "demo-teacher", next_path: str = "/") -> None:
    """Sign in through the real form, as a person would."""
    page.goto(f"{app_url}/signin/?next={next_path}")
    page.get_by_label("Session ID").fill(session_id)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(f"{app_url}{next_path}")


def first_update_path(sandbox) -> str:
    data = requests.get(f"{sandbox.url}/api/users/u-maria/updates", headers={"X-Session-ID": "demo-teacher"}, timeout=5)
    return f"/updates/{data.json()['items'][0]['resource']['id']}/"


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
