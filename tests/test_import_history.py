"""The dashboard remembers what it imported where (core.ImportRecord): a resource page says which
courses hold a copy, and importing again into one of them asks first and names it."""
from __future__ import annotations

import re

import pytest
import requests
from django.utils.html import escape

from lor_dashboard.core.models import ImportRecord
from lor_dashboard.lor import LORUnavailable
from lor_dashboard.lor.client import LORClient

from .conftest import body
from .helpers import TEACHER, Element, element, elements, first_water, held_update, updates
from .servers import sandbox_actions


def imports(sandbox) -> list[list[str]]:
    return [a["courseIds"] for a in sandbox_actions(sandbox) if a["kind"] == "import"]


def course_name(sandbox, course_id: str) -> str:
    courses = requests.get(f"{sandbox.url}/api/courses", headers=TEACHER, timeout=5).json()
    items = courses["items"] if isinstance(courses, dict) else courses
    return next(c["name"] for c in items if str(c["id"]) == course_id)


def course_line(html: str, course_id: str) -> str:
    """The label of the import checkbox for ``course_id``, tags stripped."""
    box = re.search(rf'value="{course_id}" id="(import-course-\d+)"', html).group(1)
    label = re.search(rf'<label for="{box}">(.*?)</label>', html, re.S).group(1)
    return re.sub(r"<[^>]+>", "", label)


@pytest.mark.django_db
class ReImportTests:
    @pytest.fixture
    def imported(self, teacher, sandbox):
        rid = first_water(sandbox)["id"]
        teacher.get(f"/resources/{rid}/")
        teacher.post(f"/resources/{rid}/import/", {"course_ids": ["1101"]})
        return rid

    def test_the_import_is_recorded(self, imported, teacher):
        assert list(ImportRecord.objects.values_list("resource_id", "course_id")) == [(imported, "1101")]

    def test_the_page_says_the_course_holds_the_latest_copy(self, imported, teacher):
        assert "holds the latest copy (imported" in course_line(body(teacher.get(f"/resources/{imported}/")), "1101")

    def test_importing_again_asks_first(self, imported, teacher, sandbox):
        teacher.post(f"/resources/{imported}/import/", {"course_ids": ["1101"]})
        assert imports(sandbox) == [["1101"]]

    def test_the_question_names_the_course(self, imported, teacher, sandbox):
        html = body(teacher.post(f"/resources/{imported}/import/", {"course_ids": ["1101"]}))
        assert f"{escape(course_name(sandbox, '1101'))} already holds a copy" in html

    def test_the_question_says_where_it_knows_it_from(self, imported, teacher):
        html = body(teacher.post(f"/resources/{imported}/import/", {"course_ids": ["1101"]}))
        assert "known from the imports this dashboard made" in html

    def test_a_second_submit_of_the_same_import_asks_first(self, teacher, sandbox):
        """A double click: the page was shown before the first import, the second finds it recorded."""
        rid = first_water(sandbox)["id"]
        teacher.get(f"/resources/{rid}/")
        teacher.post(f"/resources/{rid}/import/", {"course_ids": ["1101"]})
        teacher.post(f"/resources/{rid}/import/", {"course_ids": ["1101"]})
        assert imports(sandbox) == [["1101"]]

    def test_confirmed_it_imports(self, imported, teacher, sandbox):
        teacher.post(f"/resources/{imported}/import/", {"course_ids": ["1101"], "confirm": "yes"})
        assert imports(sandbox) == [["1101"], ["1101"]]

    def test_a_co_teachers_import_into_a_shared_course_counts(self, teacher, sandbox):
        rid = first_water(sandbox)["id"]
        ImportRecord.objects.create(user_id="u-someone-else", resource_id=rid, course_id="1101", course_name="Shared")
        assert "holds" in course_line(body(teacher.get(f"/resources/{rid}/")), "1101")

    def test_an_import_into_someone_elses_course_does_not(self, teacher, sandbox):
        rid = first_water(sandbox)["id"]
        ImportRecord.objects.create(user_id="u-maria", resource_id=rid, course_id="9999", course_name="Not hers")
        assert "holds" not in course_line(body(teacher.get(f"/resources/{rid}/")), "1101")


@pytest.mark.django_db
class OlderCopyTests:
    def test_a_pending_update_says_which_version_the_course_holds(self, teacher, sandbox):
        update = held_update(sandbox)
        rid, course = update["resource"]["id"], update["courses"][0]
        line = course_line(body(teacher.get(f"/resources/{rid}/")), course["courseId"])
        assert re.search(r"holds an older copy \(version \d+ of \d+\)", line)

    def test_applying_an_update_records_the_latest_copy(self, teacher, sandbox):
        update = held_update(sandbox)
        rid, course = update["resource"]["id"], update["courses"][0]["courseId"]
        teacher.get(f"/updates/{rid}/")
        teacher.post(f"/updates/{rid}/apply/", {"course_ids": [course], "confirm": "yes"})
        assert "holds the latest copy" in course_line(body(teacher.get(f"/resources/{rid}/")), course)

    def test_bulk_apply_records_every_course(self, teacher, sandbox):
        chosen = updates(sandbox)[:2]
        ids = [u["resource"]["id"] for u in chosen]
        teacher.post("/updates/bulk/", {"resource_ids": ids, "action": "apply", "confirm": "yes"})
        expected = sorted((u["resource"]["id"], c["courseId"]) for u in chosen for c in u["courses"])
        assert sorted(ImportRecord.objects.values_list("resource_id", "course_id")) == expected


def all_search(sandbox) -> list[dict]:
    return requests.get(f"{sandbox.url}/api/resources?size=100", headers=TEACHER, timeout=5).json()["items"]


def in_card(html: str, resource_id: str, tag: str, **attrs) -> list[Element]:
    """The ``tag`` elements (matching ``attrs``) of the card on a list whose title links to ``resource_id``."""
    (title,) = [a for a in elements(html, "a", href=f"/resources/{resource_id}/") if a.inside("h3", "card-title")]
    card = next(p for p in title.parents if p.tag == "article" and "card" in p.classes)
    return [e for e in elements(html, tag, **attrs) if e.within(card)]


def update_link(found: list[Element]) -> list[tuple[str, bool]]:
    """Each "Update available" link: where it goes, and whether it says so."""
    return [(a.attrs["href"], a.text.startswith("Update available")) for a in found]


@pytest.mark.django_db
class ImportsListTests:
    @pytest.fixture
    def update_on_the_page(self, teacher, sandbox) -> dict:
        """A pending update whose resource is on the first page of imports."""
        shown = {a.attrs["href"] for a in elements(body(teacher.get("/imports/")), "a", href=True)}
        return next(u for u in updates(sandbox) if f"/resources/{u['resource']['id']}/" in shown)

    def test_a_pending_update_is_linked_from_its_card(self, teacher, update_on_the_page):
        rid = update_on_the_page["resource"]["id"]
        found = in_card(body(teacher.get("/imports/")), rid, "a", cls="update-available")
        assert update_link(found) == [(f"/updates/{rid}/", True)]

    def test_the_courses_holding_an_older_copy_are_listed(self, teacher, update_on_the_page):
        update = update_on_the_page
        items = [li.text for li in in_card(body(teacher.get("/imports/")), update["resource"]["id"], "li")]
        listed = [m.group(1) for m in (re.fullmatch(r"(.*) — holds an older copy \(version \d+ of [1-9]\d*\)", t) for t in items) if m]
        assert sorted(listed) == sorted(c["courseName"] for c in update["courses"])

    def test_a_course_imported_here_is_listed_with_its_date(self, teacher, sandbox, update_on_the_page):
        update = update_on_the_page
        rid = update["resource"]["id"]
        teacher.get(f"/resources/{rid}/")
        free = next(cid for cid in ("1101", "1102", "1103", "1104") if cid not in {c["courseId"] for c in update["courses"]})
        teacher.post(f"/resources/{rid}/import/", {"course_ids": [free]})
        items = [li.text for li in in_card(body(teacher.get("/imports/")), rid, "li")]
        latest = rf"{re.escape(course_name(sandbox, free))} — holds the latest copy \(imported \w+ \d+\)"
        assert [t for t in items if re.fullmatch(latest, t)]


@pytest.mark.django_db(transaction=True)
class DoubleSubmitTests:
    def test_two_submits_at_once_import_once(self, teacher, sandbox):
        from .helpers import at_once, tab

        rid, cookie = first_water(sandbox)["id"], teacher.cookies["sessionid"].value
        teacher.get(f"/resources/{rid}/")
        at_once(*[lambda: tab(cookie).post(f"/resources/{rid}/import/", {"course_ids": ["1101"]})] * 2)
        assert imports(sandbox) == [["1101"]]


@pytest.mark.django_db
class UnknownCopiesTests:
    """When Commons' updates cannot be read, the dashboard does not know which courses hold a copy."""

    @pytest.fixture
    def no_updates(self, monkeypatch):
        def fail(*args, **kwargs):
            raise LORUnavailable("Commons is having trouble right now.")

        monkeypatch.setattr(LORClient, "get_update", fail)

    def test_importing_asks_first(self, teacher, sandbox, no_updates):
        rid = held_update(sandbox)["resource"]["id"]
        teacher.get(f"/resources/{rid}/")
        teacher.post(f"/resources/{rid}/import/", {"course_ids": ["1104"]})
        assert imports(sandbox) == []

    def test_the_question_says_why(self, teacher, sandbox, no_updates):
        rid = held_update(sandbox)["resource"]["id"]
        teacher.get(f"/resources/{rid}/")
        html = body(teacher.post(f"/resources/{rid}/import/", {"course_ids": ["1104"]}))
        assert "could not be checked" in html

    def test_the_page_says_so(self, teacher, sandbox, no_updates):
        rid = held_update(sandbox)["resource"]["id"]
        assert "which of these courses hold a copy may be incomplete" in body(teacher.get(f"/resources/{rid}/"))


@pytest.mark.django_db
class ResourcePageUpdateTests:
    def test_a_pending_update_is_linked_from_the_resource_page(self, teacher, sandbox):
        rid = held_update(sandbox)["resource"]["id"]
        html = body(teacher.get(f"/resources/{rid}/"))
        assert update_link(elements(html, "a", cls="update-available")) == [(f"/updates/{rid}/", True)]

    def test_it_says_for_how_many_courses(self, teacher, sandbox):
        update = held_update(sandbox)
        html = body(teacher.get(f"/resources/{update['resource']['id']}/"))
        link = element(html, "a", cls="update-available")
        after = link.parents[-1].text.removeprefix(link.text)  # what the line says after the link
        assert re.match(rf" for {len(update['courses'])} courses?: review it course by course\.", after)

    def test_no_update_no_line(self, teacher, sandbox):
        pending = {u["resource"]["id"] for u in updates(sandbox)}
        rid = next(r["id"] for r in all_search(sandbox) if r["id"] not in pending)
        assert elements(body(teacher.get(f"/resources/{rid}/")), cls="update-available") == []
