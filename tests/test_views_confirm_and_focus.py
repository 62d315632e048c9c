"""What the server does for focus, announcements and confirmations (the browser tests see the result)."""
from __future__ import annotations

import json
import re

import pytest

from .conftest import HTMX, body, undo_data
from .helpers import favorite_ids, multi_course_update, updates
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
        assert re.search(r'<h2 id="confirm-heading" tabindex="-1" autofocus>', html)

    def test_cancel_comes_back_with_the_courses_chosen_and_focus_on_the_button(self, teacher, sandbox):
        update = multi_course_update(sandbox)
        rid, cid = update["resource"]["id"], update["courses"][0]["courseId"]
        teacher.get(f"/updates/{rid}/")
        html = body(teacher.post(f"/updates/{rid}/ignore/", {"course_ids": [cid]}))
        cancel = re.search(r'<a class="button secondary" href="([^"]+)"', html).group(1).replace("&amp;", "&")
        back = body(teacher.get(cancel))
        assert re.search(rf'value="{cid}" id="course-\d+" checked', back)

    def test_cancel_puts_focus_on_the_button_that_asked(self, teacher, sandbox):
        rid = updates(sandbox)[0]["resource"]["id"]
        html = body(teacher.get(f"/updates/{rid}/?focus=ignore"))
        assert re.search(r'hx-swap="outerHTML" autofocus>Ignore for selected courses</button>', html)

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
        assert f'value="{rid}" form="updates-bulk" checked' in html


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
        assert '<div id="status" hx-swap-oob="innerHTML">Error: Select at least one course.</div>' in html

    def test_without_javascript_the_page_opens_with_an_error_summary(self, teacher, sandbox):
        html = body(self.refused(teacher, sandbox, follow=True))
        assert re.search(r'<div class="error-summary"[^>]*autofocus>', html)

    def test_without_javascript_the_title_says_error(self, teacher, sandbox):
        assert "<title>Error: Update:" in body(self.refused(teacher, sandbox, follow=True))

    def test_without_javascript_the_group_is_described_by_the_error(self, teacher, sandbox):
        html = body(self.refused(teacher, sandbox, follow=True))
        assert ('<fieldset id="courses-fieldset" class="courses-fieldset" aria-describedby="courses-error" '
                'aria-invalid="true">') in html

    def test_the_error_is_shown_once(self, teacher, sandbox):
        self.refused(teacher, sandbox)
        rid = updates(sandbox)[0]["resource"]["id"]
        teacher.get(f"/updates/{rid}/")
        assert "error-summary" not in body(teacher.get(f"/updates/{rid}/"))


@pytest.mark.django_db
class StarTests:
    def toggled(self, teacher, sandbox, action: str = "remove", title: str = "Maps") -> str:
        """The star's htmx answer for the teacher's first favorite."""
        rid = favorite_ids(sandbox)[0]
        return body(teacher.post(f"/favorites/{rid}/star/", {"action": action, "title": title}, headers=HTMX))

    def test_the_fresh_star_takes_focus_back(self, teacher, sandbox):
        assert 'aria-pressed="false" autofocus>' in self.toggled(teacher, sandbox)

    def test_its_name_includes_the_title(self, teacher, sandbox):
        assert 'Favorite<span class="visually-hidden"> Maps</span>' in self.toggled(teacher, sandbox)

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
        assert re.search(rf'<a href="/resources/{rid}/" autofocus>', html)

    def test_the_focus_is_used_once(self, teacher, sandbox):
        rid = favorite_ids(sandbox)[0]
        page = body(teacher.post(f"/favorites/{rid}/remove/", {"next": "/favorites/"}, follow=True))
        teacher.post("/favorites/undo/", undo_data(page), follow=True)
        assert "autofocus>" not in body(teacher.get("/favorites/", headers=HTMX))
