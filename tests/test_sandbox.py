"""The sandbox follows the contract and enforces its rules, over real HTTP."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
import requests

from lor_dashboard.sandbox import jwt

from .contract import spec, validate

TEACHER = {"X-Session-ID": "demo-teacher"}
ADMIN = {"X-Session-ID": "demo-admin"}
ME = "u-maria"


@pytest.fixture
def api(sandbox):
    http = requests.Session()

    def call(method, path, headers=TEACHER, **kwargs):
        return http.request(method, sandbox.url + path, headers=headers, allow_redirects=False, timeout=10, **kwargs)

    return call


def first_update(api) -> dict:
    return api("GET", f"/api/users/{ME}/updates").json()["items"][0]


class ContractTests:
    """Every operation of the contract answers with a body its schema allows."""

    def test_search_one_resource_and_courses(self, api):
        validate(api("GET", "/api/resources?q=water&types=page,quiz&size=5"), "/api/resources")
        rid = api("GET", "/api/resources?q=water").json()["items"][0]["id"]
        validate(api("GET", f"/api/resources/{rid}"), "/api/resources/{resourceId}")
        validate(api("GET", "/api/resources/nope"), "/api/resources/{resourceId}")
        validate(api("GET", "/api/courses"), "/api/courses")
        validate(api("GET", "/api/courses", headers={}), "/api/courses")

    def test_session_operations_answer_as_the_contract_says(self, api):
        validate(api("GET", "/api/sessions/demo-teacher"), "/api/sessions/{id}")
        created = api("POST", "/api/sessions", headers={}, json={"jwt_token": jwt.issue(ME)})
        assert created.status_code == 201
        validate(created, "/api/sessions", "post")
        validate(api("POST", "/api/sessions", headers={}, json={}), "/api/sessions", "post")
        ended = api("GET", "/api/sessions/logout", headers={"X-Session-ID": created.json()["sessionId"]})
        validate(ended, "/api/sessions/logout")
        assert ended.status_code == 204

    def test_resources_and_imports(self, api):
        page = api("GET", "/api/resources?onlyImported=true")
        validate(page, "/api/resources")
        validate(api("GET", f"/api/users/{ME}/imports"), "/api/users/{userId}/imports")
        validate(api("GET", "/api/resources?cursor=%%%"), "/api/resources")

    def test_update_operations_answer_as_the_contract_says(self, api):
        validate(api("GET", f"/api/users/{ME}/updates"), "/api/users/{userId}/updates")
        update = first_update(api)
        rid = update["resource"]["id"]
        validate(api("GET", f"/api/users/{ME}/updates/{rid}"), "/api/users/{userId}/updates/{resourceId}")
        validate(api("GET", f"/api/users/{ME}/updates/nope"), "/api/users/{userId}/updates/{resourceId}")
        validate(api("POST", f"/api/users/{ME}/updates/{rid}/ignore", json={"courseIds": []}),
                 "/api/users/{userId}/updates/{resourceId}/ignore", "post")
        ignored = api("POST", f"/api/users/{ME}/updates/{rid}/ignore", json={"courseIds": [update["courses"][0]["courseId"]]})
        assert ignored.status_code == 204
        imported = api("POST", f"/api/resources/{rid}/import", json={"courses": [{"id": "1101", "name": "Science"}]})
        validate(imported, "/api/resources/{resourceId}/import", "post")

    def test_favorite_operations_answer_as_the_contract_says(self, api):
        listing = api("GET", f"/api/users/{ME}/favorites")
        validate(listing, "/api/users/{userId}/favorites")
        rid = listing.json()["items"][0]["id"]
        assert api("DELETE", f"/api/users/{ME}/favorites/{rid}").status_code == 204
        validate(api("DELETE", f"/api/users/{ME}/favorites/{rid}"), "/api/users/{userId}/favorites/{resourceId}", "delete")
        added = api("POST", f"/api/users/{ME}/favorites", json={"resourceId": rid})
        validate(added, "/api/users/{userId}/favorites", "post")
        validate(api("GET", "/api/users/u-james/favorites"), "/api/users/{userId}/favorites")

    def test_profile_and_users(self, api):
        profile = api("GET", "/api/users/u-005/profile")
        assert profile.status_code == 302
        assert profile.headers["Location"].endswith("/canvas/users/5005")
        validate(api("GET", "/api/users/nobody/profile"), "/api/users/{userId}/profile")
        validate(api("GET", "/api/users?q=han", headers=ADMIN), "/api/users")
        validate(api("GET", "/api/users?q=han"), "/api/users")


class RulesTests:
    def test_demo_users_have_the_promised_amounts_of_data(self, api):
        assert len(api("GET", f"/api/users/{ME}/favorites").json()["items"]) >= 8
        assert api("GET", "/api/resources?onlyImported=true").json()["meta"]["count"] == 30
        updates = api("GET", f"/api/users/{ME}/updates").json()
        assert updates["meta"]["count"] == 15
        assert len(updates["items"]) == 10
        courses = {c["courseName"] for u in updates["items"] for c in u["courses"]}
        assert len(courses) >= 5
        assert api("GET", "/api/resources?size=100").json()["meta"]["count"] >= 40

    def test_other_teacher_has_different_data(self, api):
        mine = {r["id"] for r in api("GET", f"/api/users/{ME}/favorites").json()["items"]}
        theirs = {r["id"] for r in api("GET", "/api/users/u-james/favorites", headers={"X-Session-ID": "demo-teacher-2"}).json()["items"]}
        assert theirs
        assert mine != theirs

    @pytest.mark.parametrize("headers", [{}, {"X-Session-ID": "made-up"}])
    def test_401_without_a_known_session(self, api, headers):
        assert api("GET", f"/api/users/{ME}/favorites", headers=headers).status_code == 401

    def test_someone_elses_data_is_403(self, api):
        assert api("GET", "/api/users/u-james/favorites").status_code == 403

    def test_user_search_is_for_admins_and_three_characters(self, api):
        assert api("GET", "/api/users?q=han").status_code == 403
        assert api("GET", "/api/users?q=ha", headers=ADMIN).json()["items"] == []
        everyone = api("GET", "/api/users?q=example", headers=ADMIN).json()
        assert everyone["meta"]["count"] >= 60

    def test_paging_walks_every_item_once(self, api):
        seen, cursor = [], None
        while True:
            page = api("GET", "/api/resources?onlyImported=true" + (f"&cursor={cursor}" if cursor else "")).json()
            seen += [r["id"] for r in page["items"]]
            cursor = page["meta"]["cursor"]
            if not cursor:
                break
        assert len(seen) == len(set(seen)) == 30

    def test_bad_bodies_are_400(self, api):
        rid = first_update(api)["resource"]["id"]
        for body in [{"courseIds": "1101"}, {"courseIds": [1101]}, {}, {"courseIds": ["nope"]}]:
            assert api("POST", f"/api/users/{ME}/updates/{rid}/ignore", json=body).status_code == 400
        assert api("POST", f"/api/users/{ME}/favorites", data="not json").status_code == 400

    def test_unknown_ids_are_404(self, api):
        assert api("GET", f"/api/users/{ME}/updates/0000").status_code == 404
        assert api("POST", f"/api/users/{ME}/favorites", json={"resourceId": "0000"}).status_code == 404
        assert api("POST", "/api/resources/0000/import", json={"courses": [{"id": "1"}]}).status_code == 404

    def test_ignoring_every_course_removes_the_update(self, api):
        update = first_update(api)
        rid, courses = update["resource"]["id"], [c["courseId"] for c in update["courses"]]
        api("POST", f"/api/users/{ME}/updates/{rid}/ignore", json={"courseIds": courses[:1]})
        if len(courses) > 1:
            left = api("GET", f"/api/users/{ME}/updates/{rid}").json()["courses"]
            assert [c["courseId"] for c in left] == courses[1:]
            api("POST", f"/api/users/{ME}/updates/{rid}/ignore", json={"courseIds": courses[1:]})
        assert api("GET", f"/api/users/{ME}/updates/{rid}").status_code == 404
        assert api("GET", f"/api/users/{ME}/updates").json()["meta"]["count"] == 14

    def test_importing_brings_courses_to_the_latest_version(self, api):
        update = first_update(api)
        rid = update["resource"]["id"]
        body = {"courses": [{"id": c["courseId"], "name": c["courseName"]} for c in update["courses"]]}
        assert api("POST", f"/api/resources/{rid}/import", json=body).status_code == 201
        assert api("GET", f"/api/users/{ME}/updates/{rid}").status_code == 404

    def test_favorite_duplicate_is_harmless(self, api):
        rid = api("GET", f"/api/users/{ME}/favorites").json()["items"][0]["id"]
        before = len(api("GET", f"/api/users/{ME}/favorites").json()["items"])
        assert api("POST", f"/api/users/{ME}/favorites", json={"resourceId": rid}).status_code == 200
        assert len(api("GET", f"/api/users/{ME}/favorites").json()["items"]) == before

    def test_reset_restores_the_seed(self, api, sandbox):
        rid = first_update(api)["resource"]["id"]
        api("POST", f"/api/resources/{rid}/import", json={"courses": [{"id": "1101"}]})
        sandbox.reset()
        assert api("GET", f"/api/users/{ME}/updates").json()["meta"]["count"] == 15

    def test_thumbnails_and_resource_pages_are_served(self, api):
        resource = api("GET", f"/api/users/{ME}/favorites").json()["items"][0]
        if resource["thumbnail"]:
            thumb = requests.get(resource["thumbnail"]["url"], timeout=5)
            assert thumb.headers["Content-Type"] == "image/svg+xml"
        assert api("GET", f"/resources/{resource['id']}", headers={}).status_code == 200

    def test_logout_keeps_demo_sessions_alive(self, api):
        assert api("GET", "/api/sessions/logout").status_code == 204
        assert api("GET", "/api/sessions/demo-teacher").status_code == 200


class FindTests:
    """The sandbox's search, one resource and courses, as the find-and-import pages use them."""

    def test_search_matches_every_word(self, api):
        items = api("GET", "/api/resources?q=water%20cycle&size=100").json()["items"]
        assert items
        assert all("water cycle" in (r["title"] + r["description"] + " ".join(r["tags"])).lower() for r in items)

    def test_search_ranks_title_matches_first(self, api):
        items = api("GET", "/api/resources?q=water&size=100").json()["items"]
        assert "water" in items[0]["title"].lower()

    def test_search_finds_authors(self, api):
        author = api("GET", "/api/resources?size=1").json()["items"][0]["authors"][0]["name"]
        items = api("GET", f"/api/resources?q={author}&size=100").json()["items"]
        assert all(author in [a["name"] for a in r["authors"]] for r in items)

    def test_without_q_newest_first(self, api):
        dates = [r["updateDate"] for r in api("GET", "/api/resources?size=100").json()["items"]]
        assert dates == sorted(dates, reverse=True)

    def test_types_filter(self, api):
        items = api("GET", "/api/resources?types=quiz,video&size=100").json()["items"]
        assert {r["type"] for r in items} == {"quiz", "video"}

    def test_size_is_honoured(self, api):
        assert len(api("GET", "/api/resources?size=7").json()["items"]) == 7

    def test_one_resource_has_versions(self, api):
        rid = api("GET", "/api/resources?size=1").json()["items"][0]["id"]
        assert api("GET", f"/api/resources/{rid}").json()["versions"]

    def test_courses_are_canvas_objects_with_numeric_ids(self, api):
        courses = api("GET", "/api/courses").json()
        assert [type(c["id"]) for c in courses] == [int] * 6

    def test_each_teacher_has_their_own_courses(self, api):
        theirs = {c["id"] for c in api("GET", "/api/courses", headers={"X-Session-ID": "demo-teacher-2"}).json()}
        assert not theirs & {c["id"] for c in api("GET", "/api/courses").json()}

    def test_import_adds_to_imports(self, api):
        imported = {r["id"] for r in api("GET", "/api/resources?onlyImported=true&size=100").json()["items"]}
        rid = next(r["id"] for r in api("GET", "/api/resources?size=100").json()["items"] if r["id"] not in imported)
        api("POST", f"/api/resources/{rid}/import", json={"courses": [{"id": 1101, "name": "Grade 7 Science"}]})
        assert rid in {r["id"] for r in api("GET", "/api/resources?onlyImported=true&size=100").json()["items"]}


def validated_by_contract_tests() -> set[tuple[str, str]]:
    """The (path, method) of every validate() call in ContractTests, read from this file's source,
    so what it says does not depend on which tests ran before."""
    tree = ast.parse(Path(__file__).read_text())
    tests = next(node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == "ContractTests")
    found = set()
    for call in ast.walk(tests):
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "validate":
            args = call.args[1:]
            assert all(isinstance(a, ast.Constant) for a in args), f"line {call.lineno}: path and method must be literals"
            found.add((args[0].value, args[1].value if len(args) > 1 else "get"))
    return found


def test_every_contract_operation_is_validated_by_a_contract_test():
    operations = {(path, method) for path, item in spec()["paths"].items() for method in item
                  if method in ("get", "post", "put", "patch", "delete")}
    assert operations - validated_by_contract_tests() == set()

