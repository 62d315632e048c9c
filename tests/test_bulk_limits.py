"""One request cannot cost a thousand upstream calls: a cap on ids per bulk action, and a limit on
the calls one request has in flight."""
from __future__ import annotations

import threading

import pytest

from lor_dashboard.core.bulk import MAX_BULK
from lor_dashboard.lor.parallel import PER_REQUEST

from .conftest import body
from .hostile_upstream import HostileUpstream


class CountingUpstream(HostileUpstream):
    """Counts the favorite removals in flight at once; each takes a little while."""

    def __init__(self):
        self.lock, self.now, self.peak, self.removals = threading.Lock(), 0, 0, 0
        super().__init__()

    def answer(self, handler) -> None:
        if handler.command != "DELETE":
            return super().answer(handler)
        with self.lock:
            self.now += 1
            self.removals += 1
            self.peak = max(self.peak, self.now)
        threading.Event().wait(0.01)
        with self.lock:
            self.now -= 1
        super().answer(handler)


@pytest.fixture
def upstream(settings):
    server = CountingUpstream()
    settings.LOR_BASE_URL = server.url
    yield server
    server.stop()


@pytest.fixture
def user(client, upstream, db):
    assert client.post("/signin/", {"session_id": "anything"}).status_code == 302
    return client


def ids(n: int) -> list[str]:
    return [f"r{k}" for k in range(n)]


@pytest.mark.django_db
class BulkCapTests:
    def test_too_many_removals_are_refused_with_no_upstream_call(self, user, upstream):
        before = len(upstream.requests)
        user.post("/favorites/remove/", {"resource_ids": ids(500), "next": "/favorites/"})
        assert len(upstream.requests) == before

    def test_the_refusal_says_why(self, user, upstream):
        page = body(user.post("/favorites/remove/", {"resource_ids": ids(500), "next": "/favorites/"}, follow=True))
        assert f"at most {MAX_BULK}" in page

    def test_too_many_updates_are_refused_with_no_upstream_call(self, user, upstream):
        before = len(upstream.requests)
        user.post("/updates/bulk/", {"resource_ids": ids(500), "action": "ignore", "confirm": "yes"})
        assert len(upstream.requests) == before

    def test_the_cap_itself_is_allowed(self, user, upstream):
        user.post("/favorites/remove/", {"resource_ids": ids(MAX_BULK), "next": "/favorites/"})
        assert upstream.removals == MAX_BULK

    def test_a_full_bulk_action_keeps_to_the_per_request_limit(self, user, upstream):
        user.post("/favorites/remove/", {"resource_ids": ids(MAX_BULK), "next": "/favorites/"})
        assert upstream.peak <= PER_REQUEST
