"""Guessing is slow: repeated failed sign-ins end in 429 with Retry-After and no upstream call; a
Canvas sign-in's state works once even when callbacks race."""
from __future__ import annotations

import threading

import pytest
from django.test import Client

from lor_dashboard.accounts import throttle
from lor_dashboard.canvas.client import CanvasClient

from .conftest import body
from .helpers import approve_in_canvas, go_to_canvas
from .mock_upstream import MockUpstream


@pytest.fixture
def commons(settings):
    """An upstream that refuses every session id, and counts the tries."""
    server = MockUpstream()
    settings.LOR_BASE_URL = server.url
    yield server
    server.stop()


def refuse_all(commons, n: int) -> None:
    for k in range(n):
        commons.get(f"/api/sessions/wrong-{k}", status=401, json={"message": "no"})


@pytest.mark.django_db
class SessionIdThrottleTests:
    def test_thirty_wrong_ids_end_in_429(self, client, commons):
        refuse_all(commons, 30)
        statuses = [client.post("/signin/", {"session_id": f"wrong-{k}"}).status_code for k in range(30)]
        assert statuses[-1] == 429

    def test_upstream_calls_stop_at_the_limit(self, client, commons):
        refuse_all(commons, 30)
        for k in range(30):
            client.post("/signin/", {"session_id": f"wrong-{k}"})
        assert len(commons.calls) == throttle.PER_CLIENT

    def test_retry_after_is_sent(self, client, commons):
        refuse_all(commons, 30)
        for k in range(throttle.PER_CLIENT):
            client.post("/signin/", {"session_id": f"wrong-{k}"})
        assert 0 < int(client.post("/signin/", {"session_id": "wrong-29"})["Retry-After"]) <= 300

    def test_the_page_says_to_wait(self, client, commons):
        refuse_all(commons, 30)
        for k in range(throttle.PER_CLIENT):
            client.post("/signin/", {"session_id": f"wrong-{k}"})
        assert "Too many sign-in attempts failed" in body(client.post("/signin/", {"session_id": "wrong-29"}))

    def test_one_id_is_limited_across_clients(self, commons):
        refuse_all(commons, 1)
        for k in range(10):
            Client(REMOTE_ADDR=f"10.0.0.{k}").post("/signin/", {"session_id": "wrong-0"})
        assert len(commons.calls) == throttle.PER_SECRET

    def test_other_clients_are_not_limited(self, commons):
        refuse_all(commons, 30)
        for k in range(throttle.PER_CLIENT):
            Client(REMOTE_ADDR="10.0.0.1").post("/signin/", {"session_id": f"wrong-{k}"})
        assert Client(REMOTE_ADDR="10.0.0.2").post("/signin/", {"session_id": "wrong-29"}).status_code == 200

    def test_a_right_id_still_works_below_the_limit(self, client, sandbox):
        for k in range(3):
            client.post("/signin/", {"session_id": f"wrong-{k}"})
        assert client.post("/signin/", {"session_id": "demo-teacher"}).status_code == 302


@pytest.mark.django_db
class TokenThrottleTests:
    def test_wrong_tokens_end_in_429(self, client, canvas):
        statuses = [client.post("/signin/token/", {"canvas_url": canvas.url, "token": f"nope-{k}"}).status_code
                    for k in range(throttle.PER_CLIENT + 1)]
        assert statuses[-1] == 429


@pytest.mark.django_db(transaction=True)
class OAuthStateRaceTests:
    def test_four_callbacks_with_one_state_make_one_token_exchange(self, client, canvas, monkeypatch):
        callback = approve_in_canvas(canvas, go_to_canvas(client, "/"))
        exchanges, real = [], CanvasClient.exchange_code

        def counted(self, *args, **kwargs):
            exchanges.append(1)
            return real(self, *args, **kwargs)

        monkeypatch.setattr(CanvasClient, "exchange_code", counted)
        start = threading.Barrier(4)

        def call():
            other = Client()
            other.cookies = client.cookies
            start.wait()
            other.get(callback)

        threads = [threading.Thread(target=call) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(exchanges) == 1
