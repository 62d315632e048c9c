"""axe-core (bundled by axe-playwright-python): 0 violations of the WCAG 2 A and AA rules."""
from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

_axe = Axe()
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}, "resultTypes": ["violations"]}


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
    results = _axe.run(page, options=WCAG)
    violations = results.response["violations"]
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in violations
    )
    assert violations == [], f"accessibility violations on {page.url}:\n{report}"
