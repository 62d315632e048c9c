"""The updates service without any upstream: grouping by course, versions held, course choices, bulk reports."""
from __future__ import annotations

from lor_dashboard.lor import LORClient, LORNotFound, LORUnavailable, Update
from lor_dashboard.updates.service import check_courses, course_rows, group_by_course, ignore_everywhere, why


def update(rid: str, title: str, courses: list[tuple[str, str, int]], versions=(3, 1)) -> Update:
    return Update.from_json({
        "resource": {"id": rid, "title": title, "versions": [{"id": f"v{d}", "createDate": d} for d in versions]},
        "courses": [{"courseId": cid, "courseName": name, "versionCreateDate": held} for cid, name, held in courses],
    })


MATHS = update("r1", "Fractions", [("c2", "grade 8 Math", 1), ("c1", "Algebra", 1)])
SCIENCE = update("r2", "Cells", [("c1", "Algebra", 2), ("c3", "Biology", 1)])


class GroupByCourseTests:
    def test_one_group_per_course(self):
        assert [g.course_id for g in group_by_course((MATHS, SCIENCE))] == ["c1", "c3", "c2"]

    def test_groups_are_ordered_by_name_ignoring_case(self):
        assert [g.course_name for g in group_by_course((MATHS, SCIENCE))] == ["Algebra", "Biology", "grade 8 Math"]

    def test_a_course_lists_each_of_its_stale_resources(self):
        algebra = group_by_course((MATHS, SCIENCE))[0]
        assert [u.resource.id for u in algebra.updates] == ["r1", "r2"]

    def test_a_course_without_a_name_is_named_by_its_id(self):
        nameless = update("r3", "Maps", [("c9", "", 1)])
        assert group_by_course((nameless,))[0].course_name == "Course c9"


class CourseRowsTests:
    def test_the_version_held_is_matched_by_date(self):
        assert [r.version_number for r in course_rows(MATHS)] == [1, 1]

    def test_a_date_matching_no_version_is_unknown(self):
        assert course_rows(SCIENCE)[0].version is None


class CheckCoursesTests:
    KNOWN = {"c1": "Algebra", "c2": "Grade 8 Math"}

    def test_nothing_chosen_is_an_error(self):
        assert check_courses("T", [], self.KNOWN).error == "Select at least one course."

    def test_a_course_the_update_does_not_name_is_refused(self):
        assert "does not hold an old copy" in check_courses("T", ["c1", "c9"], self.KNOWN).error

    def test_chosen_courses_keep_their_names_once_each(self):
        assert check_courses("T", ["c2", "c2", "c1"], self.KNOWN).courses == (("c2", "Grade 8 Math"), ("c1", "Algebra"))


class FakeClient(LORClient):
    """Answers get_update from a dict; ignore_update fails for the ids in ``refuse``."""

    def __init__(self, updates: dict[str, Update], refuse: set[str] = frozenset()):
        super().__init__("https://lor.test")
        self.updates, self.refuse, self.ignored = updates, refuse, []

    def get_update(self, creds, resource_id):
        if resource_id not in self.updates:
            raise LORNotFound("gone")
        return self.updates[resource_id]

    def ignore_update(self, creds, resource_id, *, course_ids):
        if resource_id in self.refuse:
            raise LORUnavailable("Commons is having trouble right now.")
        self.ignored.append((resource_id, tuple(course_ids)))


class BulkTests:
    def test_each_update_is_ignored_for_all_its_courses(self):
        client = FakeClient({"r1": MATHS, "r2": SCIENCE})
        ignore_everywhere(client, None, ["r1", "r2"])
        assert sorted(client.ignored) == [("r1", ("c2", "c1")), ("r2", ("c1", "c3"))]

    def test_the_report_names_what_was_done_by_title(self):
        report = ignore_everywhere(FakeClient({"r1": MATHS, "r2": SCIENCE}), None, ["r1", "r2"])
        assert report.done == ["“Fractions” (2 courses)", "“Cells” (2 courses)"]

    def test_a_failure_is_reported_by_title_with_why(self):
        report = ignore_everywhere(FakeClient({"r1": MATHS, "r2": SCIENCE}, refuse={"r2"}), None, ["r1", "r2"])
        assert [(title, why(error)) for title, error in report.failed] == [("“Cells”", "Commons is having trouble right now.")]

    def test_an_update_gone_meanwhile_is_named_by_its_id(self):
        report = ignore_everywhere(FakeClient({"r1": MATHS}), None, ["r1", "r9"])
        assert [(title, why(error)) for title, error in report.failed] == [("r9", "the update no longer exists")]
