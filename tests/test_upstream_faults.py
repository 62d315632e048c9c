"""Every page and htmx action under each upstream fault: a clear message in time, never a 500,
never a followed redirect or a kept cookie; 401 signs the user out."""
from __future__ import annotations

import socket
import time

import pytest

from lor_dashboard.accounts.session import SESSION_KEY

from .conftest import HTMX, body
from .faulty_upstream import FAULTS, FaultyUpstream
from .routes import SAMPLES, requests

READ_TIMEOUT = 1.0
# Every route that asks Commons, from the URLconf's samples; htmx for searches and actions, as the
# pages send them. Sign-in under faults is its own test (test_views_accounts.py): here the teacher
# stays signed in.
REQUESTS = [(method, path, data or {}, method == "POST" or "?" in path)
            for method, path, data, name in requests(upstream_only=True) if not SAMPLES[name].public]
CLEAR = ("Commons is not answering", "Commons is busy", "could not be loaded", "Commons refused",
         "Commons could not be reached", "Commons took too long", "could not read", "failed:", "could not be removed",
         "Commons stopped answering", "Commons is having trouble", "unexpected redirect")
# With a 200 whose body is not JSON, writes that never read the body succeed: their outcome says so.
WRITES_DONE = ("Added resource", "Removed 1 favorite", "in your favorites.", "Ignored the update", "update ignored")


@pytest.fixture
def faulty(settings):
    upstream = FaultyUpstream(hang_seconds=READ_TIMEOUT + 2)
    yield upstream
    upstream.stop()


@pytest.fixture
def against(teacher, faulty, settings):
    """Signed in (against the sandbox), then the upstream turns faulty."""
    settings.LOR_BASE_URL = faulty.url
    settings.LOR_READ_TIMEOUT = READ_TIMEOUT
    settings.LOR_BREAKER_MIN_CALLS = 10_000  # exercise each fault, not the breaker
    return teacher


def call(client, method, path, data, htmx):
    headers = HTMX if htmx else {}
    started = time.monotonic()
    response = client.get(path, headers=headers) if method == "GET" else client.post(path, data, headers=headers)
    text = body(response)
    return response, text, time.monotonic() - started


@pytest.mark.django_db
class UpstreamFaultTests:
    @pytest.mark.parametrize("fault", [f for f in FAULTS if f != "401"])
    def test_every_page_and_action_says_what_failed_in_time(self, against, faulty, fault):
        faulty.mode = fault
        for method, path, data, htmx in REQUESTS:
            asked = len(faulty.requests)
            response, text, elapsed = call(against, method, path, data, htmx)
            where = f"{fault}: {method} {path}"
            assert response.status_code < 500 or response.status_code == 503, where
            assert "Traceback" not in text, where
            assert "Server Error" not in text, where
            assert elapsed < READ_TIMEOUT + 1, f"{where} took {elapsed:.2f}s"
            if response.get("Location", "").startswith("/") and method == "POST":
                against.get(response["Location"])  # shows (and so clears) the outcome, as the browser would
            if response.get("Location") or len(faulty.requests) == asked:  # gone elsewhere, or asked nothing
                continue
            if fault == "set-cookie":  # a normal answer, cookies aside: no error message anywhere
                assert not [phrase for phrase in CLEAR if phrase in text], f"{where}: {text[:300]}"
                continue
            expected = CLEAR + (WRITES_DONE if fault == "invalid-json" else ())
            assert any(phrase in text for phrase in expected), f"{where}: {text[:300]}"
        assert SESSION_KEY in against.session  # no fault but 401 signs anyone out

    def test_redirects_are_not_followed(self, against, faulty):
        faulty.mode = "redirect"
        for method, path, data, htmx in REQUESTS:
            call(against, method, path, data, htmx)
        assert not any(path == "/stolen" for _, path, _ in faulty.requests)

    def test_upstream_cookies_are_not_kept(self, against, faulty):
        faulty.mode = "set-cookie"
        for method, path, data, htmx in REQUESTS:
            call(against, method, path, data, htmx)
        assert all("Cookie" not in headers for _, _, headers in faulty.requests)
        assert all("upstream" not in name for name in against.cookies)

    def test_401_mid_session_signs_out(self, against, faulty):
        faulty.mode = "401"
        response, text, _ = call(against, "GET", "/favorites/?q=x", {}, True)
        assert response["HX-Redirect"].startswith("/signin/")
        assert SESSION_KEY not in against.session

    def test_refused_connection(self, against, settings):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            settings.LOR_BASE_URL = f"http://127.0.0.1:{sock.getsockname()[1]}"  # bound, never listening
            for method, path, data, htmx in REQUESTS:
                response, text, elapsed = call(against, method, path, data, htmx)
                assert response.status_code in (200, 302, 404, 503)
                assert elapsed < READ_TIMEOUT + 1
                assert "Traceback" not in text

    def test_breaker_fails_fast_then_recovers(self, against, faulty, settings, sandbox):
        settings.LOR_BREAKER_MIN_CALLS = 3
        settings.LOR_BREAKER_OPEN = 0.5
        faulty.mode = "hang"
        for _ in range(3):
            call(against, "GET", "/favorites/", {}, False)
        seen = len(faulty.requests)
        response, text, elapsed = call(against, "GET", "/favorites/", {}, False)
        assert "paused asking" in text
        assert elapsed < 0.5
        assert len(faulty.requests) == seen
        time.sleep(0.6)
        settings.LOR_BASE_URL = faulty.url
        faulty.mode = "set-cookie"  # answers quickly with an empty list
        response, text, _ = call(against, "GET", "/favorites/", {}, False)
        assert response.status_code == 200
        assert "0 favorites." in text
