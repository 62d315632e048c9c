"""axe-core (bundled by axe-playwright-python): 0 violations of the WCAG 2.0, 2.1 and 2.2 A and AA
rules, in the light and the dark colour scheme."""
from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

_axe = Axe()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
WCAG = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
SCHEMES = ("light", "dark")


def assert_accessible(page) -> None:
    if getattr(page, "javascript_enabled", True):
        _assert_no_violations(page)
        return
    # axe needs JavaScript: check the very HTML this no-JS page shows, in a JS-enabled twin.
    html, url = page.content(), page.url
    context = page.context.browser.new_context(storage_state=page.context.storage_state())
    try:
        twin = context.new_page()
        twin.route(url, lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"))
        twin.goto(url)
        _assert_no_violations(twin)
    finally:
        context.close()


def _assert_no_violations(page) -> None:
    # A frame (the dashboard inside Canvas' iframe) is checked on its own; its page sets the scheme.
    media = page.page if hasattr(page, "parent_frame") else page
    try:
        for scheme in SCHEMES:
            media.emulate_media(color_scheme=scheme)
            results = _axe.run(page, options=WCAG)
            violations = results.response["violations"]
            report = "\n".join(
                f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in violations
            )
            assert violations == [], f"accessibility violations on {page.url} ({scheme}):\n{report}"
    finally:
        media.emulate_media(color_scheme=None)
