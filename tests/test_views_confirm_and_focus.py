"""What the server does for focus, announcements and confirmations (the browser tests see the result)."""
from __future__ import annotations

import json

import pytest

from .conftest import HTMX, body, undo_data
from .helpers import announced, element, elements, favorite_ids, multi_course_update, updates
from .servers import sandbox_actions


@pytest.mark.django_db
class IgnoreConfirmationTests:
    def test_ignore_asks_before_anything_reaches_commons(self, teacher, sandbox):
        update = multi_course_update(sandbox)
        rid = update["resource"]["id"]
        teacher.get(f"/updates/{rid}/")
        teacher.post(f"/updates/{rid}/ignore/", {"course_ids": [update["courses"][0]["courseId"]]})
        assert sandbox_actions(sandbox) == []

    def test_the_question_says_it_cannot_be_undone(self, teacher, sandbox):
        update = multi_course_update(sandbox)
        rid = update["resource"]["id"]
        teacher.get(f"/updates/{rid}/")
        html = body(teacher.post(f"/updates/{rid}/ignore/", {"course_ids": [update["courses"][0]["courseId"]]}))
        assert "This cannot be undone here" in html

    def test_the_question_takes_focus(self, teacher, sandbox):
        update = multi_course_update(sandbox)
        rid = update["resource"]["id"]
        teacher.get(f"/updates/{rid}/")
        html = body(teacher.post(f"/updates/{rid}/ignore/", {"course_ids": [update["courses"][0]["courseId"]]}, headers=HTMX))
        assert element(html, autofocus=True).attrs["id"] == "confirm-heading"

    def test_the_question_can_take_focus(self, teacher, sandbox):
        update = multi_course_update(sandbox)
        rid = update["resource"]["id"]
        teacher.get(f"/updates/{rid}/")
        html = body(teacher.post(f"/updates/{rid}/ignore/", {"course_ids": [update["courses"][0]["courseId"]]}, headers=HTMX))
        assert element(html, id="confirm-heading").attrs.get("tabindex") == "-1"

    def test_cancel_comes_back_with_the_courses_chosen_and_focus_on_the_button(self, teacher, sandbox):
        update = multi_course_update(sandbox)
        rid, cid = update["resource"]["id"], update["courses"][0]["courseId"]
        teacher.get(f"/updates/{rid}/")
        html = body(teacher.post(f"/updates/{rid}/ignore/", {"course_ids": [cid]}))
        (cancel,) = [a.attrs["href"] for a in elements(html, "a") if a.text == "Cancel"]
        back = body(teacher.get(cancel))
        assert "checked" in element(back, "input", name="course_ids", value=cid).attrs

    def test_cancel_puts_focus_on_the_button_that_asked(self, teacher, sandbox):
        rid = updates(sandbox)[0]["resource"]["id"]
        html = body(teacher.get(f"/updates/{rid}/?focus=ignore"))
        # (the sign-in's message, shown on this first page, takes focus too)
        assert [b.text for b in elements(html, "button", autofocus=True)] == ["Ignore for selected courses"]

    def test_bulk_ignore_asks_first(self, teacher, sandbox):
        ids = [u["resource"]["id"] for u in updates(sandbox)[:2]]
        html = body(teacher.post("/updates/bulk/", {"resource_ids": ids, "action": "ignore"}))
        assert "Ignore 2 updates?" in html

    def test_bulk_ignore_question_reaches_nothing_upstream(self, teacher, sandbox):
        ids = [u["resource"]["id"] for u in updates(sandbox)[:2]]
        teacher.post("/updates/bulk/", {"resource_ids": ids, "action": "ignore"})
        assert sandbox_actions(sandbox) == []

    def test_bulk_cancel_keeps_the_selection(self, teacher, sandbox):
        rid = updates(sandbox)[0]["resource"]["id"]
        html = body(teacher.get(f"/updates/?focus=ignore&selected={rid}"))
        box = element(html, "input", name="resource_ids", value=rid)
        assert (box.attrs.get("form"), "checked" in box.attrs) == ("updates-bulk", True)


@pytest.mark.django_db
class CourseErrorTests:
    def refused(self, teacher, sandbox, **kwargs):
        """An update's page shown, then Ignore with no course chosen."""
        rid = updates(sandbox)[0]["resource"]["id"]
        teacher.get(f"/updates/{rid}/")
        return teacher.post(f"/updates/{rid}/ignore/", {}, **kwargs)

    def test_htmx_refusal_marks_the_group_invalid_on_the_client(self, teacher, sandbox):
        response = self.refused(teacher, sandbox, headers=HTMX)
        assert json.loads(response["HX-Trigger-After-Settle"]) == {"lor:invalid": {"group": "courses-fieldset"}}

    def test_htmx_refusal_is_announced(self, teacher, sandbox):
        html = body(self.refused(teacher, sandbox, headers=HTMX))
        assert announced(html) == "Error: Select at least one course."

    def test_without_javascript_the_page_opens_with_an_error_summary(self, teacher, sandbox):
        html = body(self.refused(teacher, sandbox, follow=True))
        assert "error-summary" in element(html, autofocus=True).classes

    def test_without_javascript_the_title_says_error(self, teacher, sandbox):
        assert element(body(self.refused(teacher, sandbox, follow=True)), "title").text.startswith("Error: Update:")

    def test_without_javascript_the_group_is_described_by_the_error(self, teacher, sandbox):
        html = body(self.refused(teacher, sandbox, follow=True))
        described_by = element(html, "fieldset", id="courses-fieldset").attrs["aria-describedby"]
        assert element(html, id=described_by).text == "Error: Select at least one course."

    def test_without_javascript_the_group_is_marked_invalid(self, teacher, sandbox):
        html = body(self.refused(teacher, sandbox, follow=True))
        assert element(html, "fieldset", id="courses-fieldset").attrs["aria-invalid"] == "true"

    def test_the_error_is_shown_once(self, teacher, sandbox):
        self.refused(teacher, sandbox)
        rid = updates(sandbox)[0]["resource"]["id"]
        teacher.get(f"/updates/{rid}/")
        assert elements(body(teacher.get(f"/updates/{rid}/")), cls="error-summary") == []


@pytest.mark.django_db
class StarTests:
    def toggled(self, teacher, sandbox, action: str = "remove", title: str = "Maps") -> str:
        """The star's htmx answer for the teacher's first favorite."""
        rid = favorite_ids(sandbox)[0]
        return body(teacher.post(f"/favorites/{rid}/star/", {"action": action, "title": title}, headers=HTMX))

    def test_the_fresh_star_takes_focus_back(self, teacher, sandbox):
        assert "star-toggle" in element(self.toggled(teacher, sandbox), autofocus=True).classes

    def test_the_fresh_star_says_it_is_off(self, teacher, sandbox):
        assert element(self.toggled(teacher, sandbox), "button", cls="star-toggle").attrs["aria-pressed"] == "false"

    def test_its_name_includes_the_title(self, teacher, sandbox):
        assert element(self.toggled(teacher, sandbox), "button", cls="star-toggle").spoken == "Favorite Maps"

    def test_the_echoed_title_is_escaped(self, teacher, sandbox):
        assert "<img" not in self.toggled(teacher, sandbox, "add", "<img src=x onerror=alert(1)>")

    def test_the_outcome_is_announced(self, teacher, sandbox):
        assert "“Maps” is no longer in your favorites." in self.toggled(teacher, sandbox)


@pytest.mark.django_db
class UndoFocusTests:
    def test_the_restored_favorite_takes_focus(self, teacher, sandbox):
        rid = favorite_ids(sandbox)[0]
        page = body(teacher.post(f"/favorites/{rid}/remove/", {"next": "/favorites/"}, follow=True))
        html = body(teacher.post("/favorites/undo/", undo_data(page), follow=True))
        assert [a.attrs["href"] for a in elements(html, "a", autofocus=True)] == [f"/resources/{rid}/"]

    def test_the_focus_is_used_once(self, teacher, sandbox):
        rid = favorite_ids(sandbox)[0]
        page = body(teacher.post(f"/favorites/{rid}/remove/", {"next": "/favorites/"}, follow=True))
        teacher.post("/favorites/undo/", undo_data(page), follow=True)
        assert elements(body(teacher.get("/favorites/", headers=HTMX)), autofocus=True) == []
