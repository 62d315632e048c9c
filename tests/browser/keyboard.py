"""Driving a page as a keyboard user does, and checking where focus and announcements go."""
from __future__ import annotations

from playwright.sync_api import expect

LIVE_REGIONS = ("messages", "status")


def htmx_idle(page) -> None:
    """The page has loaded (htmx, a deferred script, has processed it) and no htmx request, swap or
    settle is under way: a person does not act within those milliseconds. Without the first, a key
    pressed on a page just navigated to could submit a form natively before htmx took it over."""
    if getattr(page, "javascript_enabled", True):
        page.wait_for_function("() => document.readyState === 'complete' && !!window.htmx"
                               " && !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')")


def tab_to(page, locator, *, limit: int = 200, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until ``locator`` has focus: it must be reachable in tab order."""
    htmx_idle(page)
    target = locator.element_handle()
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        if page.evaluate("el => document.activeElement === el", target):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{locator} was not reached with {limit} presses of {key}")


def type_into(page, locator, text: str) -> None:
    """Tab to a field and type, key by key."""
    tab_to(page, locator)
    page.keyboard.type(text, delay=30)


def press_on(page, locator, key: str = "Enter", *, backwards: bool = False) -> None:
    """Tab to a control and press a key on it (Enter for links and buttons, Space for checkboxes)."""
    tab_to(page, locator, backwards=backwards)
    page.keyboard.press(key)


def mark_live_regions(page) -> None:
    """Tag the page's live regions, so a check afterwards can tell they are the same elements
    (a region swapped in by the action would be new, and often not read)."""
    page.evaluate("ids => ids.forEach(id => { document.getElementById(id).dataset.kept = 'yes'; })", list(LIVE_REGIONS))


def expect_announced(page, text: str) -> None:
    """``text`` reached a live region that was in the page before the action."""
    kept = page.locator(", ".join(f"#{region}[data-kept=yes]" for region in LIVE_REGIONS))
    expect(kept.filter(has_text=text)).to_have_count(1)


def focus_is_in_main(page) -> bool:
    return page.evaluate("() => document.activeElement !== document.body && !!document.activeElement.closest('main')")


def expect_focus_on(page, locator) -> None:
    """Focus settled on ``locator``, which is inside ``main``."""
    expect(locator).to_be_focused()
    assert focus_is_in_main(page), "focus is outside main"


def sign_in_by_keyboard(page, app_url: str, session_id: str = "demo-teacher", next_path: str = "/") -> None:
    page.goto(f"{app_url}/signin/?next={next_path}")
    type_into(page, page.get_by_label("Session ID"), session_id)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{app_url}{next_path}")


def signed_in_at(page, app_url: str, path: str, session_id: str = "demo-teacher"):
    """Signed in by keyboard and on ``path``, its live regions marked: ready for an action."""
    sign_in_by_keyboard(page, app_url, session_id, next_path=path)
    mark_live_regions(page)
    return page
