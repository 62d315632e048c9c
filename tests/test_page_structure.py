"""What every full page is built of, read from its parsed HTML: exactly one <h1>; no role="alert" on
what is there when the page loads (a screen reader meets it by reading or by focus; an alert is
for what appears later); the message area one polite live region, there from the first load, whose
contents htmx answers change, never the region itself."""
from __future__ import annotations

import pytest
import requests
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.test import RequestFactory
from django.views import defaults

from lor_dashboard.lor import LORClient, LORUnavailable
from lor_dashboard.ops.views import server_error

from .conftest import HTMX, body
from .helpers import element, elements
from .routes import SAMPLES, path_of, url_patterns

DEAD = "http://127.0.0.1:9"


def pending_updates(sandbox) -> list[dict]:
    """demo-teacher's pending updates, as Commons lists them (the first page)."""
    return requests.get(f"{sandbox.url}/api/users/u-maria/updates", headers={"X-Session-ID": "demo-teacher"},
                        timeout=5).json()["items"]


def route_pages(signed_in: bool) -> list[str]:
    """Every GET of every route that answers a page, from the URLconf (each must have samples)."""
    return [path_of(name) + query for name, _pattern in url_patterns()
            if SAMPLES[name].page and SAMPLES[name].public != signed_in for query in SAMPLES[name].gets]


def shown(responses: dict) -> dict[str, str]:
    """The HTML of those responses that are pages (not a redirect, a file or JSON)."""
    return {what: body(r) for what, r in responses.items()
            if not 300 <= r.status_code < 400 and r["Content-Type"].startswith("text/html")}


def teacher_pages(teacher, sandbox) -> dict[str, str]:
    """(what, HTML) of every full page a signed-in teacher meets without JavaScript: each route's
    samples (whose made-up ids show the "not there" pages), the pages of real resources and
    updates, and the questions a POST answers with."""
    pages = shown({path: teacher.get(path) for path in route_pages(signed_in=True)})
    update = next(u for u in pending_updates(sandbox) if len(u["courses"]) >= 2)
    rid, cid = update["resource"]["id"], update["courses"][0]["courseId"]
    ids = [u["resource"]["id"] for u in pending_updates(sandbox)[:2]]
    for path in (f"/resources/{rid}/", f"/updates/{rid}/"):
        pages[path] = body(teacher.get(path))
    pages["import question"] = body(teacher.post(f"/resources/{rid}/import/", {"course_ids": [cid]}))
    teacher.get(f"/updates/{rid}/")
    for action in ("ignore", "apply"):
        pages[f"{action} question"] = body(teacher.post(f"/updates/{rid}/{action}/", {"course_ids": [cid]}))
        pages[f"bulk {action} question"] = body(teacher.post("/updates/bulk/", {"resource_ids": ids, "action": action}))
        pages[f"{action} all in a course question"] = body(teacher.post(
            "/updates/bulk/", {"resource_ids": [rid], "course": cid, "action": action}))
    pages["a missing page"] = body(teacher.get("/no-such-page/"))
    pages["an unknown person"] = body(teacher.get("/users/u-nobody/profile/"))
    return pages


def problem_pages(teacher, settings) -> dict[str, str]:
    """(what, HTML) of the pages that say something failed: Django's 400, 403 and 404, the 500 and
    the outage page, and an upstream problem."""
    request = RequestFactory().get("/favorites/")
    pages = {
        "400": defaults.bad_request(request, Exception("bad")).content.decode(),
        "403": defaults.permission_denied(request, PermissionDenied()).content.decode(),
        "404": defaults.page_not_found(request, Exception("none")).content.decode(),
        "500": server_error(request).content.decode(),
    }
    try:
        raise DatabaseError("gone")
    except DatabaseError:
        pages["outage"] = server_error(request).content.decode()
    settings.LOR_BASE_URL = DEAD
    pages["upstream problem"] = body(teacher.get("/favorites/"))
    pages["upstream problem after a post"] = body(teacher.post("/favorites/add/", {"resource_id": "abc"}))
    return pages


def down(*args, **kwargs):
    raise LORUnavailable("Commons is having trouble right now.")


@pytest.mark.django_db
class OneHeadingTests:
    def test_every_teacher_page_has_one_h1(self, teacher, sandbox):
        counts = {what: len(elements(html, "h1")) for what, html in teacher_pages(teacher, sandbox).items()}
        assert {what: n for what, n in counts.items() if n != 1} == {}

    def test_every_public_page_has_one_h1(self, client, sandbox):
        pages = shown({path: client.get(path) for path in route_pages(signed_in=False)})
        counts = {path: len(elements(html, "h1")) for path, html in pages.items()}
        assert {path: n for path, n in counts.items() if n != 1} == {}

    def test_every_problem_page_has_one_h1(self, teacher, sandbox, settings):
        counts = {what: len(elements(html, "h1")) for what, html in problem_pages(teacher, settings).items()}
        assert {what: n for what, n in counts.items() if n != 1} == {}

    def test_a_question_asked_without_javascript_is_the_pages_h1(self, teacher, sandbox):
        update = next(u for u in pending_updates(sandbox) if len(u["courses"]) >= 2)
        rid, cid = update["resource"]["id"], update["courses"][0]["courseId"]
        teacher.get(f"/updates/{rid}/")
        html = body(teacher.post(f"/updates/{rid}/ignore/", {"course_ids": [cid]}))
        assert element(html, "h1").attrs.get("id") == "confirm-heading"

    def test_a_question_in_place_of_a_section_is_not_a_second_h1(self, teacher, sandbox):
        update = next(u for u in pending_updates(sandbox) if len(u["courses"]) >= 2)
        rid, cid = update["resource"]["id"], update["courses"][0]["courseId"]
        teacher.get(f"/updates/{rid}/")
        html = body(teacher.post(f"/updates/{rid}/ignore/", {"course_ids": [cid]}, headers=HTMX))
        assert element(html, id="confirm-heading").tag == "h2"


@pytest.mark.django_db
class NoAlertAtLoadTests:
    def test_no_teacher_page_has_an_alert_when_it_loads(self, teacher, sandbox):
        alerts = {what: len(elements(html, role="alert")) for what, html in teacher_pages(teacher, sandbox).items()}
        assert {what: n for what, n in alerts.items() if n} == {}

    def test_no_problem_page_has_an_alert_when_it_loads(self, teacher, sandbox, settings):
        alerts = {what: len(elements(html, role="alert")) for what, html in problem_pages(teacher, settings).items()}
        assert {what: n for what, n in alerts.items() if n} == {}

    def test_a_refused_sign_in_is_a_region_named_by_its_heading(self, client, sandbox):
        html = body(client.post("/signin/", {"session_id": "no-such-session"}))
        summary = element(html, cls="error-summary")
        assert (summary.attrs.get("role"), element(html, id=summary.attrs["aria-labelledby"]).tag) == ("region", "h2")

    def test_a_refused_sign_in_has_no_alert(self, client, sandbox):
        assert elements(body(client.post("/signin/", {"session_id": "no-such-session"})), role="alert") == []

    def test_an_error_summary_is_a_region_that_takes_focus(self, teacher, sandbox):
        html = body(teacher.post("/favorites/add/", {"resource_id": ""}, follow=True))
        summary = element(html, cls="error-summary")
        assert (summary.attrs.get("role"), "autofocus" in summary.attrs) == ("region", True)

    def test_an_error_summary_has_no_alert(self, teacher, sandbox):
        assert elements(body(teacher.post("/favorites/add/", {"resource_id": ""}, follow=True)), role="alert") == []

    def test_a_failing_overview_count_is_no_alert(self, teacher, sandbox, monkeypatch):
        monkeypatch.setattr(LORClient, "list_imports", down)
        html = body(teacher.get("/"))
        assert (len(elements(html, cls="problem-inline")), elements(html, role="alert")) == (1, [])

    def test_updates_cut_short_are_no_alert(self, teacher, sandbox, monkeypatch):
        monkeypatch.setattr("lor_dashboard.updates.views.MAX_PAGES", 1)
        monkeypatch.setattr("lor_dashboard.updates.service.MAX_PAGES", 1)
        html = body(teacher.get("/updates/?view=courses"))
        assert (len(elements(html, "p", cls="problem")), elements(html, role="alert")) == (1, [])

    def test_courses_that_failed_to_load_are_no_alert_on_the_page(self, teacher, sandbox, monkeypatch):
        monkeypatch.setattr(LORClient, "list_courses", down)
        html = body(teacher.get(f"/resources/{pending_updates(sandbox)[0]['resource']['id']}/"))
        assert (len(elements(html, "div", cls="problem")), elements(html, role="alert")) == (1, [])

    def test_courses_that_failed_to_load_are_an_alert_when_a_swap_brings_them(self, teacher, sandbox, monkeypatch):
        """The import section replaces itself: what it says then is new, and nothing else says it."""
        monkeypatch.setattr(LORClient, "list_courses", down)
        html = body(teacher.get(f"/resources/{pending_updates(sandbox)[0]['resource']['id']}/", headers=HTMX))
        assert element(html, role="alert").inside("section")


@pytest.mark.django_db
class MessageRegionTests:
    def test_every_page_has_one_message_area(self, teacher, sandbox):
        counts = {what: len(elements(html, id="messages")) for what, html in teacher_pages(teacher, sandbox).items()}
        assert {what: n for what, n in counts.items() if n != 1} == {}

    def test_the_message_area_is_a_polite_live_region(self, teacher, sandbox):
        assert element(body(teacher.get("/favorites/")), id="messages").attrs.get("aria-live") == "polite"

    def test_a_message_swapped_in_changes_only_the_areas_contents(self, teacher, sandbox):
        html = body(teacher.post("/favorites/add/", {"resource_id": "abc"}, headers=HTMX, follow=True))
        area = element(html, id="messages")
        assert (area.attrs.get("hx-swap-oob"), area.inside("template")) == ("innerHTML", True)

    def test_a_message_swapped_in_is_not_a_live_region_of_its_own(self, teacher, sandbox):
        html = body(teacher.post("/favorites/add/", {"resource_id": "abc"}, headers=HTMX, follow=True))
        inside = [e for e in elements(html) if any(p.attrs.get("id") == "messages" for p in e.parents)]
        assert [e.tag for e in inside if "aria-live" in e.attrs or "role" in e.attrs] == []

    def test_an_upstream_problem_goes_into_the_message_area(self, teacher, sandbox, settings):
        settings.LOR_BASE_URL = DEAD
        response = teacher.get("/favorites/?q=a", headers=HTMX)
        assert (response["HX-Retarget"], response["HX-Reswap"]) == ("#messages", "innerHTML")

    def test_an_upstream_problem_in_the_message_area_is_no_alert_of_its_own(self, teacher, sandbox, settings):
        settings.LOR_BASE_URL = DEAD
        html = body(teacher.get("/favorites/?q=a", headers=HTMX))
        assert (len(elements(html, cls="problem")), elements(html, role="alert")) == (1, [])

    def test_an_upstream_problem_in_the_message_area_does_not_open_a_second_h1(self, teacher, sandbox, settings):
        settings.LOR_BASE_URL = DEAD
        assert elements(body(teacher.get("/favorites/?q=a", headers=HTMX)), "h1") == []

    def test_an_outage_in_the_message_area_is_no_alert_of_its_own(self):
        request = RequestFactory().get("/favorites/", headers=HTMX)
        request.htmx = True
        try:
            raise DatabaseError("gone")
        except DatabaseError:
            response = server_error(request)
        assert (response["HX-Retarget"], elements(response.content.decode(), role="alert")) == ("#messages", [])
