"""The door renews and repeats one call: ``Renewal`` asks for a new session once per request, even
from parallel lanes, and ``LORClient._request`` sends the call that got 401 once more with it."""
from __future__ import annotations

import threading

import pytest

from lor_dashboard.lor import Credentials, LORAuthError, LORClient
from lor_dashboard.lor.renewal import Renewal

FAVORITES = "/api/users/u1/favorites"


@pytest.fixture
def client(upstream):
    return LORClient(upstream.url, connect_timeout=1.5, read_timeout=0.2)


def counting(answer):
    calls = []

    def renew(failed):
        calls.append(failed)
        return answer

    return renew, calls


class RenewalTests:
    def test_parallel_401s_renew_once(self):
        renew, calls = counting("fresh")
        renewal, start, got = Renewal(renew), threading.Barrier(8), []

        def lane():
            start.wait()
            got.append(renewal.after_401("old"))

        threads = [threading.Thread(target=lane) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert (calls, got) == (["old"], ["fresh"] * 8)

    def test_a_failed_renewal_is_not_tried_again(self):
        renew, calls = counting(None)
        renewal = Renewal(renew)
        assert [renewal.after_401("old"), renewal.after_401("old")] == [None, None]
        assert calls == ["old"]

    def test_the_renewed_session_is_refused_too(self):
        renewal = Renewal(counting("fresh")[0])
        renewal.after_401("old")
        assert renewal.after_401("fresh") is None

    def test_later_calls_use_the_new_session(self):
        renewal = Renewal(counting("fresh")[0])
        renewal.after_401("old")
        assert Credentials("old", "u1", renewal=renewal).current_session_id == "fresh"


class DoorTests:
    def test_the_call_that_got_401_is_sent_again_with_the_new_session(self, client, upstream):
        upstream.add("POST", FAVORITES, status=401, json={"message": "expired"})
        upstream.add("POST", FAVORITES, json={"items": []})
        client.add_favorite(Credentials("old", "u1", renewal=Renewal(counting("fresh")[0])), "r1")
        assert [c.headers["X-Session-ID"] for c in upstream.calls] == ["old", "fresh"]

    def test_without_a_renewal_a_401_is_raised_and_not_repeated(self, client, upstream):
        upstream.add("POST", FAVORITES, status=401, json={"message": "expired"})
        with pytest.raises(LORAuthError):
            client.add_favorite(Credentials("old", "u1"), "r1")
        assert len(upstream.calls) == 1

    def test_a_401_on_the_new_session_is_raised(self, client, upstream):
        upstream.add("POST", FAVORITES, status=401, json={"message": "expired"})
        with pytest.raises(LORAuthError):
            client.add_favorite(Credentials("old", "u1", renewal=Renewal(counting("fresh")[0])), "r1")
