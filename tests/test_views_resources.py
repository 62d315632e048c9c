"""Find and import: search, a resource's page, importing with validation and confirmation."""
from __future__ import annotations

import re

import pytest
import requests
from django.utils.html import escape

from lor_dashboard.lor import LORUnavailable
from lor_dashboard.lor.client import LORClient

from .conftest import HTMX, body
from .helpers import ME, TEACHER, all_resources, announced, element, elements, first_water, held_update, titles
from .servers import sandbox_actions


def card_ids(html: str) -> list[str]:
    """The resources the cards offer to import, in order (each card's link to its import section)."""
    return [a.attrs["href"].split("/")[2] for a in elements(html, "a", href=True)
            if re.fullmatch(r"/resources/[\w-]+/#import-section", a.attrs["href"])]


def my_courses(sandbox) -> list[dict]:
    return requests.get(f"{sandbox.url}/api/courses", headers=TEACHER, timeout=5).json()


def imported_ids(sandbox) -> set[str]:
    ids, cursor = set(), None
    while True:
        url = f"{sandbox.url}/api/resources?onlyImported=true&size=100" + (f"&cursor={cursor}" if cursor else "")
        page = requests.get(url, headers=TEACHER, timeout=5).json()
        ids |= {r["id"] for r in page["items"]}
        cursor = page["meta"]["cursor"]
        if not cursor:
            return ids


@pytest.mark.django_db
class SearchTests:
    def test_without_a_query_the_newest_come_first(self, teacher, sandbox):
        html = body(teacher.get("/resources/"))
        shown = [re.fullmatch(r"/resources/([\w-]+)/", a.attrs["href"]).group(1)
                 for a in elements(html, "a", href=True) if a.inside("h3", "card-title")]
        every = requests.get(f"{sandbox.url}/api/resources?size=100", headers=TEACHER, timeout=5).json()["items"]
        by_date = [r["id"] for r in sorted(every, key=lambda r: r["updateDate"], reverse=True)]
        assert shown and shown == by_date[:len(shown)]

    def test_a_query_finds_matching_titles(self, teacher, sandbox):
        shown = titles(body(teacher.get("/resources/?q=water")))
        assert shown
        assert all("Water" in t for t in shown[:2])

    def test_the_total_comes_from_meta_count(self, teacher, sandbox):
        count = requests.get(f"{sandbox.url}/api/resources?q=water", headers=TEACHER, timeout=5).json()["meta"]["count"]
        assert f"{count} resource" in body(teacher.get("/resources/?q=water"))

    def test_type_filter_keeps_only_those_types(self, teacher, sandbox):
        html = body(teacher.get("/resources/?type=quiz&type=video"))
        types = [span.text for span in elements(html, "span", cls="type")]
        assert types
        assert set(types) <= {"Quiz", "Video"}

    def test_unknown_types_never_reach_commons(self, teacher, sandbox, monkeypatch):
        sent = []
        real = LORClient._request
        monkeypatch.setattr(LORClient, "_request", lambda self, *a, **k: sent.append(k.get("params")) or real(self, *a, **k))
        teacher.get("/resources/?type=quiz&type=%3Cscript%3E&type=evil")
        assert {"quiz"} == {p["types"] for p in sent if p and "types" in p}
        assert all("evil" not in str(p) for p in sent)

    def test_nothing_matches_says_so(self, teacher, sandbox):
        assert "No resources match “zzzqqq”" in body(teacher.get("/resources/?q=zzzqqq"))

    def test_typing_gets_the_results_fragment_with_its_title(self, teacher, sandbox):
        html = body(teacher.get("/resources/?q=water", headers=HTMX))
        title, results = elements(html)[:2]  # the title first, for htmx to set, then the results
        assert (title.tag, results.attrs.get("id")) == ("title", "find-results")

    def test_the_fragments_title_names_the_query(self, teacher, sandbox):
        html = body(teacher.get("/resources/?q=water", headers=HTMX))
        assert element(html, "title").text == "Find resources: water · LOR Dashboard"

    def test_the_count_is_announced(self, teacher, sandbox):
        count = requests.get(f"{sandbox.url}/api/resources?q=water", headers=TEACHER, timeout=5).json()["meta"]["count"]
        html = body(teacher.get("/resources/?q=water", headers=HTMX))
        assert announced(html) == f"{count} resources match “water”."

    def test_load_more_walks_every_result_once(self, teacher, sandbox):
        html = body(teacher.get("/resources/"))
        seen = card_ids(html)
        while more := elements(html, "a", hx_get=True):
            html = body(teacher.get("/resources/" + more[-1].attrs["href"], headers=HTMX))
            seen += card_ids(html)
        every = requests.get(f"{sandbox.url}/api/resources?size=1", headers=TEACHER, timeout=5).json()["meta"]["count"]
        assert len(seen) == len(set(seen))
        assert len(seen) == every

    def test_results_carry_stars(self, teacher, sandbox):
        html = body(teacher.get("/resources/?q=water"))
        assert len(elements(html, "button", cls="star-toggle")) == len(titles(html))

    def test_a_long_query_is_cut_not_refused(self, teacher, sandbox):
        assert teacher.get("/resources/?q=" + "x" * 5000).status_code == 200

    def test_a_bad_cursor_is_a_clear_message(self, teacher, sandbox):
        response = teacher.get("/resources/?cursor=%%%bad")
        assert response.status_code == 400


@pytest.mark.django_db
class ResourcePageTests:
    def test_shows_the_resource_and_its_history(self, teacher, sandbox):
        doc = first_water(sandbox)
        html = body(teacher.get(f"/resources/{doc['id']}/"))
        assert "Version history" in html
        assert doc["title"] in html

    def test_offers_the_teachers_courses(self, teacher, sandbox):
        doc = first_water(sandbox)
        html = body(teacher.get(f"/resources/{doc['id']}/"))
        offered = [box.attrs["value"] for box in elements(html, "input", name="course_ids")]
        assert offered == [str(c["id"]) for c in my_courses(sandbox)]

    def test_unknown_resource_says_so(self, teacher, sandbox):
        response = teacher.get("/resources/nope123/")
        assert response.status_code == 404

    def test_a_failing_course_list_still_shows_the_resource_with_retry(self, teacher, sandbox, monkeypatch):
        def down(*args, **kwargs):
            raise LORUnavailable("Commons is having trouble right now.")

        monkeypatch.setattr(LORClient, "list_courses", down)
        html = body(teacher.get(f"/resources/{first_water(sandbox)['id']}/"))
        assert "Your courses could not be loaded" in html
        assert [a for a in elements(html, "a", href=True) if a.text == "Retry"]


@pytest.mark.django_db
class ImportTests:
    def test_one_import_call_with_exactly_the_chosen_courses(self, teacher, sandbox):
        rid = first_water(sandbox)["id"]
        teacher.get(f"/resources/{rid}/")
        teacher.post(f"/resources/{rid}/import/", {"course_ids": ["1101", "1102"]})
        assert sandbox_actions(sandbox) == [{"userId": ME, "kind": "import", "resourceId": rid, "courseIds": ["1101", "1102"]}]

    def test_the_resource_then_shows_in_imports(self, teacher, sandbox):
        rid = next(r["id"] for r in all_resources(sandbox) if r["id"] not in imported_ids(sandbox))
        teacher.get(f"/resources/{rid}/")
        teacher.post(f"/resources/{rid}/import/", {"course_ids": ["1101"]})
        assert rid in imported_ids(sandbox)

    def test_the_outcome_says_where_it_went(self, teacher, sandbox):
        rid = first_water(sandbox)["id"]
        teacher.get(f"/resources/{rid}/")
        first, second = my_courses(sandbox)[:2]
        html = body(teacher.post(f"/resources/{rid}/import/", {"course_ids": [first["id"], second["id"]]}, follow=True))
        assert f"into 2 courses: {escape(first['name'])}, {escape(second['name'])}" in html

    def test_no_course_chosen_is_an_error_and_no_call(self, teacher, sandbox):
        rid = first_water(sandbox)["id"]
        teacher.get(f"/resources/{rid}/")
        html = body(teacher.post(f"/resources/{rid}/import/", {}, follow=True))
        assert "Select at least one course." in html
        assert sandbox_actions(sandbox) == []

    FOREIGN = {"course_ids": ["1101", "2201"]}  # 2201 is another teacher's course
    NOT_YOURS = "One of the selected courses is not one of your courses."

    @staticmethod
    def spy_on_calls(monkeypatch) -> list:
        calls, real = [], LORClient._request
        monkeypatch.setattr(LORClient, "_request", lambda self, *a, **k: calls.append(a) or real(self, *a, **k))
        return calls

    def test_a_course_that_is_not_the_teachers_is_refused_without_any_call(self, teacher, sandbox, monkeypatch):
        rid = first_water(sandbox)["id"]
        teacher.get(f"/resources/{rid}/")
        calls = self.spy_on_calls(monkeypatch)
        teacher.post(f"/resources/{rid}/import/", self.FOREIGN, headers=HTMX)
        assert calls == []

    def test_htmx_refusal_of_a_foreign_course_says_why_beside_the_courses(self, teacher, sandbox):
        rid = first_water(sandbox)["id"]
        teacher.get(f"/resources/{rid}/")
        response = teacher.post(f"/resources/{rid}/import/", self.FOREIGN, headers=HTMX)
        assert (response.status_code, response["HX-Retarget"]) == (200, "#import-error")
        assert element(body(response), "p", id="import-error").text == f"Error: {self.NOT_YOURS}"

    def test_refusal_of_a_foreign_course_shows_the_error_tied_to_the_courses(self, teacher, sandbox, monkeypatch):
        rid = first_water(sandbox)["id"]
        teacher.get(f"/resources/{rid}/")
        calls = self.spy_on_calls(monkeypatch)
        response = teacher.post(f"/resources/{rid}/import/", self.FOREIGN)
        assert (response.status_code, response["Location"], calls) == (302, f"/resources/{rid}/", [])
        html = body(teacher.get(response["Location"]))
        group = element(html, "fieldset", id="import-fieldset")
        assert (group.attrs["aria-describedby"], group.attrs.get("aria-invalid")) == ("import-error", "true")
        assert element(html, "p", id="import-error").text == f"Error: {self.NOT_YOURS}"

    @pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "no-js"])
    def test_a_refused_foreign_course_imports_nothing(self, teacher, sandbox, headers):
        rid = first_water(sandbox)["id"]
        teacher.get(f"/resources/{rid}/")
        teacher.post(f"/resources/{rid}/import/", self.FOREIGN, headers=headers, follow=True)
        assert sandbox_actions(sandbox) == []

    def test_htmx_refusal_marks_the_group_invalid(self, teacher, sandbox):
        rid = first_water(sandbox)["id"]
        teacher.get(f"/resources/{rid}/")
        response = teacher.post(f"/resources/{rid}/import/", {}, headers=HTMX)
        assert response["HX-Retarget"] == "#import-error"

    def test_a_course_holding_a_copy_asks_first(self, teacher, sandbox):
        update = held_update(sandbox)
        rid, cid = update["resource"]["id"], update["courses"][0]["courseId"]
        teacher.get(f"/resources/{rid}/")
        html = body(teacher.post(f"/resources/{rid}/import/", {"course_ids": [cid]}))
        assert "overwrites that copy" in html
        assert sandbox_actions(sandbox) == []

    def test_confirmed_overwrite_imports(self, teacher, sandbox):
        update = held_update(sandbox)
        rid, cid = update["resource"]["id"], update["courses"][0]["courseId"]
        teacher.get(f"/resources/{rid}/")
        teacher.post(f"/resources/{rid}/import/", {"course_ids": [cid], "confirm": "yes"})
        assert [a["courseIds"] for a in sandbox_actions(sandbox)] == [[cid]]

    def test_without_having_seen_the_page_the_courses_are_asked_for_first(self, teacher, sandbox):
        rid = first_water(sandbox)["id"]
        teacher.post(f"/resources/{rid}/import/", {"course_ids": ["1101"]})
        assert [a["courseIds"] for a in sandbox_actions(sandbox)] == [["1101"]]


@pytest.mark.django_db
class ImportWithoutThePageTests:
    def test_checking_the_courses_does_not_ask_for_favorites(self, teacher, sandbox, monkeypatch):
        asked = []
        real = LORClient.list_favorites
        monkeypatch.setattr(LORClient, "list_favorites", lambda self, creds: asked.append(1) or real(self, creds))
        teacher.post(f"/resources/{first_water(sandbox)['id']}/import/", {"course_ids": ["1101"]})
        assert asked == []
