"""Bad input: odd ids, cursors, huge text, missing and repeated fields. 0 dashboard 5xx, and
the upstream only ever sees the contract's routes with allowlisted ids."""
from __future__ import annotations

import re

import pytest

from .conftest import HTMX
from .hostile_upstream import HostileUpstream

ID = r"[A-Za-z0-9_-]{1,128}"
ROUTES = [re.compile(p) for p in (
    rf"/api/sessions/(logout|{ID})", r"/api/resources", rf"/api/resources/{ID}/import", r"/api/users",
    rf"/api/users/{ID}/(imports|updates|favorites|profile)", rf"/api/users/{ID}/updates/{ID}(/ignore)?",
    rf"/api/users/{ID}/favorites/{ID}",
)]
BAD_IDS = ["..%2F", "..", "%2e%2e", "a%3Fb", "a%23b", "a%2Fb", "a%20b", "a%00b", "a%0Ab", "x" * 10_240, "%C3%A9t%C3%A9",
           "%252e%252e", "a;b", "a%5Cb"]
BIG = "q" * 10_240


@pytest.fixture
def upstream(settings):
    server = HostileUpstream()
    settings.LOR_BASE_URL = server.url
    yield server
    server.stop()


@pytest.fixture
def user(client, upstream, db):
    assert client.post("/signin/", {"session_id": "anything"}).status_code == 302
    return client


def check(response, what):
    assert response.status_code < 500, f"{what} -> {response.status_code}"


@pytest.mark.django_db
class BadInputTests:
    def test_odd_ids_in_paths(self, user, upstream):
        for bad in BAD_IDS:
            for path in (f"/updates/{bad}/", f"/users/{bad}/profile/"):
                check(user.get(path), path)
                check(user.get(path, headers=HTMX), path)
            for path in (f"/favorites/{bad}/remove/", f"/favorites/{bad}/star/", f"/updates/{bad}/ignore/", f"/updates/{bad}/apply/"):
                check(user.post(path, {"course_ids": ["c1"]}), path)

    def test_odd_ids_in_forms(self, user, upstream):
        raw = ["../x", "..", "%2e%2e", "a?b", "a#b", "a/b", "a b", "a\x00b", "a\nb", "x" * 10_240, "été", ""]
        for bad in raw:
            check(user.post("/favorites/add/", {"resource_id": bad}), f"add {bad!r}")
            check(user.post("/favorites/remove/", {"resource_ids": [bad, "hostile1"]}), f"bulk remove {bad!r}")
            check(user.post("/updates/bulk/", {"resource_ids": [bad], "action": "ignore", "confirm": "yes"}), f"bulk ignore {bad!r}")
            check(user.post("/updates/hostile1/ignore/", {"course_ids": [bad], "confirm": "yes"}), f"ignore course {bad!r}")
            check(user.post("/updates/hostile1/apply/", {"course_ids": [bad], "confirm": "yes"}), f"apply course {bad!r}")
            check(user.post("/signin/", {"session_id": bad}), f"sign in {bad!r}")
            assert user.post("/signin/", {"session_id": "anything"}).status_code == 302

    def test_cursors_search_text_and_fields(self, user, upstream):
        for path in (f"/imports/?cursor={BIG}", "/imports/?cursor=%00%2e%2e/../", f"/updates/?cursor={BIG}",
                     f"/users/?q=abc&cursor={BIG}", f"/users/?q={BIG}", f"/favorites/?q={BIG}&type={BIG}&sort={BIG}",
                     f"/users.csv?q={BIG}", "/favorites/?q=a&q=b&type=x&type=y", "/updates/?view=courses&view=x"):
            check(user.get(path), path)
            check(user.get(path, headers=HTMX), path)
        for path, data in (("/favorites/add/", {}), ("/favorites/add/", {"resource_id": ["a", "b"]}),
                           ("/favorites/remove/", {}), ("/favorites/undo/", {}), ("/updates/bulk/", {}),
                           ("/updates/bulk/", {"action": ["ignore", "apply"], "resource_ids": ["hostile1"] * 3}),
                           ("/updates/hostile1/ignore/", {}), ("/updates/hostile1/apply/", {"course_ids": ["c1", "c1"]}),
                           ("/favorites/hostile1/star/", {"action": "nonsense"}), ("/signin/", {"next": BIG})):
            check(user.post(path, data), f"{path} {list(data)}")

    def test_upstream_saw_only_contract_routes(self, user, upstream):
        self.test_odd_ids_in_paths(user, upstream)
        self.test_odd_ids_in_forms(user, upstream)
        self.test_cursors_search_text_and_fields(user, upstream)
        assert upstream.paths
        for seen in upstream.paths:
            path = seen.split("?")[0]
            assert any(route.fullmatch(path) for route in ROUTES), f"unexpected upstream path {seen[:200]}"
