from __future__ import annotations


def sign_in(page, app_url: str, session_id: str = "demo-teacher", next_path: str = "/") -> None:
    """Sign in through the real form, as a person would."""
    page.goto(f"{app_url}/signin/?next={next_path}")
    page.get_by_label("Session ID").fill(session_id)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(f"{app_url}{next_path}")
