"""Updates: list, by-course, detail, ignore and apply with validation, 404, bulk with a failure."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.utils.html import escape

from lor_dashboard.lor import Page
from lor_dashboard.lor.client import LORClient

from .conftest import HTMX, body
from .helpers import TEACHER, element, elements, multi_course_update, updates, updates_count, values
from .servers import sandbox_actions

ME = "u-maria"


@pytest.mark.django_db
class UpdateListTests:
    def test_count_items_and_load_more(self, teacher, sandbox):
        first_page = requests.get(f"{sandbox.url}/api/users/{ME}/updates", headers=TEACHER, timeout=5).json()
        html = body(teacher.get("/updates/"))
        assert f"{updates_count(sandbox)} updates" in html
        assert len(elements(html, "article", cls="update")) == len(first_page["items"])
        more_url = element(html, "a", hx_get=True).attrs["hx-get"]
        more = body(teacher.get("/updates/" + more_url, headers=HTMX))
        assert "<html" not in more
        assert len(elements(more, "article", cls="update")) == updates_count(sandbox) - len(first_page["items"])
        assert elements(more, "a", hx_get=True) == []  # the last page: no Load more
        first = updates(sandbox)[0]
        assert first["versionNotes"] in html
        assert first["courses"][0]["courseName"] in html

    def test_by_course_walks_every_page(self, teacher, sandbox):
        html = body(teacher.get("/updates/?view=courses"))
        expected = {}
        for u in updates(sandbox):
            for c in u["courses"]:
                expected.setdefault(c["courseName"], set()).add(u["resource"]["id"])
        sections = [(span.parents[-1].text.removesuffix(f" {span.text}"), span.text.strip("()"))
                    for span in elements(html, "span", cls="count")
                    if span.parents[-1].tag == "h2" and span.parents[-1].attrs.get("id", "").startswith("course-")]
        assert {name: int(n) for name, n in sections} == {name: len(ids) for name, ids in expected.items()}
        assert len(sections) >= 5
        assert "Showing the first" not in html

    def test_by_course_cap_says_so(self, teacher, sandbox, monkeypatch):
        real = LORClient.list_updates

        def endless(self, creds, cursor=None):
            page = real(self, creds, None)
            return Page(items=page.items[:1], next_cursor=f"{cursor or ''}x", count=page.count)

        monkeypatch.setattr(LORClient, "list_updates", endless)
        html = body(teacher.get("/updates/?view=courses"))
        assert "Showing the first 50 pages of updates only" in html


@pytest.mark.django_db
class UpdateDetailTests:
    def test_detail_shows_notes_history_and_courses(self, teacher, sandbox):
        update = multi_course_update(sandbox)
        html = body(teacher.get(f"/updates/{update['resource']['id']}/"))
        assert update["versionNotes"] in html
        assert len(elements(html, "input", name="course_ids")) == len(update["courses"])
        versions = update["resource"]["versions"]
        assert re.search(rf"Version {len(versions) - 1} of {len(versions)}", html)
        assert len([li for li in elements(html, "li") if li.inside("ol", "versions")]) == len(versions)
        assert elements(html, "form", cls="star")  # the resource can be starred from here too

    def test_unknown_update_says_so(self, teacher, sandbox):
        response = teacher.get("/updates/0000/")
        assert response.status_code == 404
        assert "This update no longer exists" in body(response)

    def test_ignore_one_course_without_javascript(self, teacher, sandbox):
        update = multi_course_update(sandbox)
        rid, course = update["resource"]["id"], update["courses"][0]
        teacher.get(f"/updates/{rid}/")
        response = teacher.post(f"/updates/{rid}/ignore/", {"course_ids": [course["courseId"]], "confirm": "yes"}, follow=True)
        assert response.redirect_chain == [(f"/updates/{rid}/", 302)]
        html = body(response)
        assert "Ignored the update" in html
        assert elements(html, "input", name="course_ids", value=course["courseId"]) == []
        assert sandbox_actions(sandbox) == [{"userId": ME, "kind": "ignore", "resourceId": rid, "courseIds": [course["courseId"]]}]

    def test_ignore_with_htmx_swaps_the_courses_in_place(self, teacher, sandbox):
        update = multi_course_update(sandbox)
        rid, course = update["resource"]["id"], update["courses"][0]
        teacher.get(f"/updates/{rid}/")
        response = teacher.post(f"/updates/{rid}/ignore/", {"course_ids": [course["courseId"]], "confirm": "yes"},
                                headers=HTMX, follow=True)
        html = body(response)
        assert elements(html)[0].attrs.get("id") == "update-courses"  # the answer is the section it replaces
        assert "Ignored the update" in html

    def test_ignoring_every_course_returns_to_the_list(self, teacher, sandbox):
        update, before = updates(sandbox)[0], updates_count(sandbox)
        rid, ids = update["resource"]["id"], [c["courseId"] for c in update["courses"]]
        teacher.get(f"/updates/{rid}/")
        response = teacher.post(f"/updates/{rid}/ignore/", {"course_ids": ids, "confirm": "yes"}, headers=HTMX)
        assert response["HX-Redirect"] == "/updates/"
        assert f"{before - 1} updates" in body(teacher.get("/updates/"))

    def test_no_course_selected_is_an_inline_error(self, teacher, sandbox, monkeypatch):
        rid = updates(sandbox)[0]["resource"]["id"]
        teacher.get(f"/updates/{rid}/")
        calls = []
        monkeypatch.setattr(LORClient, "_request", lambda *a, **k: calls.append(a))
        response = teacher.post(f"/updates/{rid}/ignore/", {}, headers=HTMX)
        assert response["HX-Retarget"] == "#courses-error"
        assert "Select at least one course." in body(response)
        assert calls == []

    def test_foreign_course_is_refused_without_any_upstream_call(self, teacher, sandbox, monkeypatch):
        rid = updates(sandbox)[0]["resource"]["id"]
        teacher.get(f"/updates/{rid}/")
        calls = []
        with monkeypatch.context() as patch:
            patch.setattr(LORClient, "_request", lambda *a, **k: calls.append(a))
            for url in (f"/updates/{rid}/ignore/", f"/updates/{rid}/apply/"):
                response = teacher.post(url, {"course_ids": ["9999"]})
                assert response["Location"] == f"/updates/{rid}/"
        assert calls == []
        assert sandbox_actions(sandbox) == []
        assert "does not hold an old copy" in body(teacher.get(f"/updates/{rid}/"))

    def test_apply_asks_for_confirmation_first(self, teacher, sandbox):
        update = multi_course_update(sandbox)
        rid, course = update["resource"]["id"], update["courses"][0]
        teacher.get(f"/updates/{rid}/")
        confirm = teacher.post(f"/updates/{rid}/apply/", {"course_ids": [course["courseId"]]})
        assert "overwrites each course" in body(confirm)
        assert sandbox_actions(sandbox) == []
        done = teacher.post(f"/updates/{rid}/apply/", {"course_ids": [course["courseId"]], "confirm": "yes"}, follow=True)
        assert "Applied the latest" in body(done)
        assert sandbox_actions(sandbox) == [{"userId": ME, "kind": "import", "resourceId": rid, "courseIds": [course["courseId"]]}]

    def test_update_gone_when_acting(self, teacher, sandbox):
        update = updates(sandbox)[0]
        rid, ids = update["resource"]["id"], [c["courseId"] for c in update["courses"]]
        teacher.get(f"/updates/{rid}/")
        requests.post(f"{sandbox.url}/api/users/{ME}/updates/{rid}/ignore", json={"courseIds": ids},
                      headers={"X-Session-ID": "demo-teacher"}, timeout=5)
        response = teacher.post(f"/updates/{rid}/ignore/", {"course_ids": ids[:1], "confirm": "yes"})
        assert response.status_code == 404
        assert "Commons has no such item" in body(response)


@pytest.mark.django_db
class BulkTests:
    def test_bulk_ignore_reports_per_update(self, teacher, sandbox):
        ids, before = [u["resource"]["id"] for u in updates(sandbox)[:3]], updates_count(sandbox)
        response = teacher.post("/updates/bulk/", {"resource_ids": ids, "action": "ignore", "confirm": "yes"}, follow=True)
        assert "3 updates ignored: " in body(response)
        assert f"{before - 3} updates" in body(response)
        assert sorted(a["resourceId"] for a in sandbox_actions(sandbox)) == sorted(ids)  # once each, in parallel

    def test_bulk_apply_confirms_then_reports_one_failure(self, teacher, sandbox):
        all_updates = updates(sandbox)
        ids = [u["resource"]["id"] for u in all_updates[:2]]
        # One of them disappears before the user confirms.
        gone = all_updates[1]
        requests.post(f"{sandbox.url}/api/users/{ME}/updates/{ids[1]}/ignore",
                      json={"courseIds": [c["courseId"] for c in gone["courses"]]}, headers={"X-Session-ID": "demo-teacher"}, timeout=5)
        confirm = teacher.post("/updates/bulk/", {"resource_ids": ids, "action": "apply"})
        assert "Apply 1 update?" in body(confirm)  # the one that is gone is left out, and said so
        response = teacher.post("/updates/bulk/", {"resource_ids": ids, "action": "apply", "confirm": "yes"}, follow=True)
        html = body(response)
        assert "1 update applied: " in html
        assert "1 failed:" in html
        assert "the update no longer exists" in html

    def test_bulk_results_name_each_update_and_its_courses(self, teacher, sandbox):
        chosen = updates(sandbox)[:2]
        ids = [u["resource"]["id"] for u in chosen]
        html = body(teacher.post("/updates/bulk/", {"resource_ids": ids, "action": "apply", "confirm": "yes"}, follow=True))
        named = "; ".join(f"“{escape(u['resource']['title'])}” ({len(u['courses'])} course{'s' if len(u['courses']) != 1 else ''})"
                          for u in chosen)
        assert f"2 updates applied: {named}." in html

    def test_yes_acts_only_on_the_courses_the_confirmation_listed(self, teacher, sandbox):
        update = multi_course_update(sandbox)
        rid, first = update["resource"]["id"], update["courses"][0]
        html = body(teacher.post("/updates/bulk/", {"resource_ids": [rid], "action": "apply"}))
        assert values(html, "courses") == [f"{rid}:{c['courseId']}" for c in update["courses"]]
        shown_then = [f"{rid}:{first['courseId']}"]  # as if the others had appeared after the page was shown
        teacher.post("/updates/bulk/", {"resource_ids": [rid], "action": "apply", "confirm": "yes", "courses": shown_then})
        assert [a["courseIds"] for a in sandbox_actions(sandbox) if a["kind"] == "import"] == [[first["courseId"]]]

    @pytest.mark.parametrize("action", ["apply", "ignore"])
    def test_all_in_one_course_acts_on_that_course_only(self, teacher, sandbox, action):
        course, ids = self.a_course_form(teacher)
        confirm = body(teacher.post("/updates/bulk/", {"course": course, "resource_ids": ids, "action": action}))
        fields = {"resource_ids": values(confirm, "resource_ids"), "courses": values(confirm, "courses"), "action": action,
                  "confirm": "yes"}
        teacher.post("/updates/bulk/", fields)
        kind = "import" if action == "apply" else "ignore"
        assert sorted((a["resourceId"], a["courseIds"]) for a in sandbox_actions(sandbox) if a["kind"] == kind) == \
            sorted((rid, [course]) for rid in ids)

    def a_course_form(self, teacher) -> tuple[str, list[str]]:
        """The first course's "all in this course" form: its course and the updates it acts on."""
        html = body(teacher.get("/updates/?view=courses"))
        form = elements(html, "form", cls="course-actions")[0]
        assert form.attrs["action"] == "/updates/bulk/"
        return values(html, "course", within=form)[0], values(html, "resource_ids", within=form)

    def test_a_courses_cancel_goes_back_to_its_button(self, teacher, sandbox):
        course, ids = self.a_course_form(teacher)
        confirm = body(teacher.post("/updates/bulk/", {"course": course, "resource_ids": ids, "action": "ignore"}))
        (cancel,) = [a.attrs["href"] for a in elements(confirm, "a") if a.text == "Cancel"]
        assert (urlsplit(cancel).path, parse_qs(urlsplit(cancel).query)) == (
            "/updates/", {"view": ["courses"], "focus": ["ignore"], "course": [course]})

    def test_back_from_a_courses_cancel_that_button_takes_focus(self, teacher, sandbox):
        course, _ = self.a_course_form(teacher)
        html = body(teacher.get(f"/updates/?view=courses&focus=apply&course={course}"))
        focused = element(html, autofocus=True)
        assert (focused.tag, focused.attrs.get("value")) == ("button", "apply")

    def test_the_focused_button_is_that_courses(self, teacher, sandbox):
        course, _ = self.a_course_form(teacher)
        html = body(teacher.get(f"/updates/?view=courses&focus=apply&course={course}"))
        form = next(f for f in elements(html, "form", cls="course-actions") if values(html, "course", within=f) == [course])
        assert [b.text.startswith("Apply all…") for b in elements(html, "button", autofocus=True) if b.within(form)] == [True]

    def test_a_courses_yes_comes_back_to_the_courses(self, teacher, sandbox):
        course, ids = self.a_course_form(teacher)
        confirm = body(teacher.post("/updates/bulk/", {"course": course, "resource_ids": ids, "action": "ignore"}))
        fields = {"resource_ids": ids, "courses": values(confirm, "courses"), "course": values(confirm, "course")[0],
                  "action": "ignore", "confirm": "yes"}
        assert teacher.post("/updates/bulk/", fields)["Location"] == "/updates/?view=courses"

    @pytest.mark.parametrize("action", ["apply", "ignore"])
    def test_bulk_confirmation_lists_each_title_with_its_courses(self, teacher, sandbox, action):
        chosen = updates(sandbox)[:2]
        html = body(teacher.post("/updates/bulk/", {"resource_ids": [u["resource"]["id"] for u in chosen], "action": action}))
        listed = [strong.parents[-1].text for strong in elements(html, "strong") if strong.parents[-1].tag == "li"]
        assert listed == [f"{u['resource']['title']}: {', '.join(c['courseName'] for c in u['courses'])}" for u in chosen]

    def test_no_bulk_controls_when_nothing_is_pending(self, teacher, sandbox):
        for u in updates(sandbox):
            requests.post(f"{sandbox.url}/api/users/{ME}/updates/{u['resource']['id']}/ignore",
                          json={"courseIds": [c["courseId"] for c in u["courses"]]},
                          headers={"X-Session-ID": "demo-teacher"}, timeout=5).raise_for_status()
        assert elements(body(teacher.get("/updates/")), id="updates-bulk") == []

    def test_each_row_offers_apply_and_ignore_for_all_its_courses(self, teacher, sandbox):
        first = updates(sandbox)[0]
        rid, courses = first["resource"]["id"], [c["courseId"] for c in first["courses"]]
        links = [urlsplit(a.attrs["href"]) for a in elements(body(teacher.get("/updates/")), "a", href=True)]
        offered = [parse_qs(link.query) for link in links if link.path == f"/updates/{rid}/" and link.query]
        assert offered == [{"focus": [action], "course_ids": courses} for action in ("apply", "ignore")]

    def test_bulk_with_nothing_selected(self, teacher, sandbox):
        response = teacher.post("/updates/bulk/", {"action": "ignore"}, follow=True)
        assert "Select at least one update" in body(response)
