"""LORClient against a mocked upstream over real HTTP: the one door's rules."""
from __future__ import annotations

import gzip
import json as jsonlib
import logging
import zlib

import pytest

from lor_dashboard.lor import (
    Credentials,
    LORAuthError,
    LORBadRequest,
    LORClient,
    LORForbidden,
    LORNotFound,
    LORRateLimited,
    LORUnavailable,
)

from .mock_upstream import DROP, SLOW, MockUpstream

CREDS = Credentials(session_id="s3cret-session", user_id="u1")
FAVORITES = "/api/users/u1/favorites"


@pytest.fixture
def upstream():
    mock = MockUpstream(slow_seconds=0.5)
    yield mock
    mock.stop()


@pytest.fixture
def client(upstream):
    sleeps: list[float] = []  # the waits between retries, recorded instead of slept
    lor = LORClient(upstream.url, connect_timeout=1.5, read_timeout=0.2, sleep=sleeps.append)
    lor.sleeps = sleeps
    return lor


class StatusMappingTests:
    @pytest.mark.parametrize(
        "status, body, error, message",
        [
            (400, {"message": "resourceId is required"}, LORBadRequest, "resourceId is required"),
            (400, {"errors": [{"message": "bad cursor"}]}, LORBadRequest, "bad cursor"),
            (400, {"error": "nope"}, LORBadRequest, "nope"),
            (401, {"message": "expired"}, LORAuthError, "expired"),
            (403, {"message": "admins only"}, LORForbidden, "admins only"),
            (404, {"message": "no such resource"}, LORNotFound, "no such resource"),
            (500, {"message": "boom"}, LORUnavailable, "Commons is having trouble right now."),
        ],
    )
    def test_status_maps_to_typed_error(self, client, upstream, status, body, error, message):
        upstream.get(FAVORITES, json=body, status=status)
        with pytest.raises(error) as caught:
            client.list_favorites(CREDS)
        assert caught.value.message == message

    def test_plain_text_error_body_is_the_message(self, client, upstream):
        upstream.post(FAVORITES, body="resource is archived", status=400, content_type="text/plain")
        with pytest.raises(LORBadRequest, match="resource is archived"):
            client.add_favorite(CREDS, "r1")

    def test_html_error_body_is_not_shown(self, client, upstream):
        upstream.get(FAVORITES, body="<html><h1>502 Bad Gateway</h1></html>", status=502, content_type="text/html")
        with pytest.raises(LORUnavailable) as caught:
            client.list_favorites(CREDS)
        assert "<h1>" not in caught.value.message

    def test_429_carries_retry_after(self, client, upstream):
        upstream.get(FAVORITES, json={}, status=429, headers={"Retry-After": "7"})
        with pytest.raises(LORRateLimited) as caught:
            client.list_favorites(CREDS)
        assert caught.value.retry_after == 7

    def test_invalid_json_with_200_is_unavailable(self, client, upstream):
        upstream.get(FAVORITES, body="{not json", status=200, content_type="application/json")
        with pytest.raises(LORUnavailable):
            client.list_favorites(CREDS)

    def test_timeout_is_unavailable_and_not_retried(self, client, upstream):
        upstream.get(FAVORITES, body=SLOW)
        with pytest.raises(LORUnavailable, match="too long"):
            client.list_favorites(CREDS)
        assert len(upstream.calls) == 1

    def test_redirect_is_not_followed(self, client, upstream):
        upstream.get(FAVORITES, status=302, headers={"Location": "https://evil.test/steal"})
        with pytest.raises(LORUnavailable, match="redirect"):
            client.list_favorites(CREDS)
        assert upstream.paths == [FAVORITES]


class RequestShapeTests:
    def test_every_call_carries_the_session_header(self, client, upstream):
        upstream.get(FAVORITES, json={"items": []})
        client.list_favorites(CREDS)
        assert upstream.calls[0].headers["X-Session-ID"] == "s3cret-session"

    def test_one_callers_session_never_rides_on_the_next_call(self, client, upstream):
        # Both calls share one pooled connection: what reaches the server is each call's own id.
        upstream.get(FAVORITES, json={"items": []})
        upstream.get("/api/users/u2/favorites", json={"items": []})
        client.list_favorites(CREDS)
        client.list_favorites(Credentials(session_id="other-session", user_id="u2"))
        assert upstream.calls[1].headers["X-Session-ID"] == "other-session"

    def test_a_call_without_credentials_sends_no_session_header(self, client, upstream):
        upstream.get(FAVORITES, json={"items": []})
        upstream.post("/api/sessions", json={"sessionId": "new-session"})
        client.list_favorites(CREDS)
        client.create_session("a.b.c")
        assert "X-Session-ID" not in upstream.calls[1].headers

    @pytest.mark.parametrize("header, value", [
        ("Accept-Encoding", "gzip, deflate"),
        ("Accept", "application/json"),
        ("User-Agent", "lor-dashboard"),
    ])
    def test_what_the_server_receives(self, client, upstream, header, value):
        upstream.get(FAVORITES, json={"items": []})
        client.list_favorites(CREDS)
        assert upstream.calls[0].headers[header] == value

    @pytest.mark.parametrize("encoding, compress", [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
    ])
    def test_a_compressed_answer_is_decoded(self, client, upstream, encoding, compress):
        payload = jsonlib.dumps({"items": [{"id": "r1", "title": "Zipped"}]}).encode()
        upstream.get(FAVORITES, body=compress(payload), content_type="application/json",
                     headers={"Content-Encoding": encoding})
        assert [r.title for r in client.list_favorites(CREDS)] == ["Zipped"]

    def test_upstream_cookies_are_not_kept(self, client, upstream):
        upstream.get(FAVORITES, json={"items": []}, headers={"Set-Cookie": "tracker=1; Path=/"})
        client.list_favorites(CREDS)
        client.list_favorites(CREDS)
        assert "Cookie" not in upstream.calls[1].headers

    def test_log_has_route_and_status_but_never_the_session_id(self, client, upstream, caplog):
        upstream.get("/api/sessions/s3cret-session", json={"userId": "u1", "userFullName": "A"})
        with caplog.at_level(logging.DEBUG):
            client.get_session("s3cret-session")
        assert "GET /api/sessions/{id} -> 200" in caplog.text
        assert "s3cret-session" not in caplog.text


class RetryTests:
    def test_get_retries_twice_on_503_then_succeeds(self, client, upstream):
        upstream.get(FAVORITES, status=503)
        upstream.get(FAVORITES, status=502)
        upstream.get(FAVORITES, json={"items": [{"id": "r1", "title": "T"}]})
        assert [r.id for r in client.list_favorites(CREDS)] == ["r1"]
        assert len(upstream.calls) == 3

    def test_get_gives_up_after_two_retries(self, client, upstream):
        upstream.get(FAVORITES, status=504)
        with pytest.raises(LORUnavailable):
            client.list_favorites(CREDS)
        assert len(upstream.calls) == 3

    def test_connection_errors_are_retried_for_get(self, client, upstream):
        upstream.get(FAVORITES, body=DROP)
        with pytest.raises(LORUnavailable, match="reached"):
            client.list_favorites(CREDS)
        assert len(upstream.calls) == 3

    def test_a_failed_tls_handshake_is_unreachable(self, upstream):
        # a plain-HTTP server cannot shake hands
        tls = LORClient(upstream.url.replace("http://", "https://"), sleep=[].append)
        with pytest.raises(LORUnavailable, match="reached"):
            tls.list_favorites(CREDS)

    def test_connection_error_retries_wait_longer_each_time(self, client, upstream):
        upstream.get(FAVORITES, body=DROP)
        with pytest.raises(LORUnavailable):
            client.list_favorites(CREDS)
        assert client.sleeps == [0.1, 0.2]

    def test_post_is_never_retried(self, client, upstream):
        upstream.post(FAVORITES, status=503)
        with pytest.raises(LORUnavailable):
            client.add_favorite(CREDS, "r1")
        assert len(upstream.calls) == 1

    def test_retry_after_is_honoured_up_to_one_second(self, client, upstream):
        upstream.get(FAVORITES, status=503, headers={"Retry-After": "0.5"})
        upstream.get(FAVORITES, status=503, headers={"Retry-After": "120"})
        upstream.get(FAVORITES, json={"items": []})
        client.list_favorites(CREDS)
        assert client.sleeps == [0.5, 1.0]

    def test_4xx_is_not_retried(self, client, upstream):
        upstream.get(FAVORITES, status=404, json={})
        with pytest.raises(LORNotFound):
            client.list_favorites(CREDS)
        assert len(upstream.calls) == 1


class IdValidationTests:
    @pytest.mark.parametrize("bad", ["../x", "..", "a?b", "%2e%2e", "a/b", "a#b", "a b", "x\n", "", "é", "a" * 200])
    def test_bad_ids_never_reach_upstream(self, client, upstream, bad):
        with pytest.raises(LORNotFound):
            client.get_update(CREDS, bad)
        with pytest.raises(LORNotFound):
            client.remove_favorite(CREDS, bad)
        assert len(upstream.calls) == 0

    def test_bad_user_id_in_credentials_is_refused(self, client, upstream):
        with pytest.raises(LORNotFound):
            client.list_favorites(Credentials(session_id="s", user_id="../admin"))
        assert len(upstream.calls) == 0

    def test_bad_course_ids_are_refused_before_the_call(self, client, upstream):
        with pytest.raises(LORBadRequest):
            client.ignore_update(CREDS, "r1", course_ids=["1", "../2"])
        with pytest.raises(LORBadRequest):
            client.ignore_update(CREDS, "r1", course_ids=[])
        assert len(upstream.calls) == 0


class ImportsTests:
    def test_uses_only_imported_resources(self, client, upstream):
        upstream.get("/api/resources", json={"items": [{"id": "r1", "title": "T"}], "meta": {"cursor": "c2"}})
        page = client.list_imports(CREDS)
        assert [r.id for r in page.items] == ["r1"]
        assert page.next_cursor == "c2"
        assert upstream.calls[0].params == {"onlyImported": "true"}

    def test_asks_for_a_page_size(self, client, upstream):
        upstream.get("/api/resources", json={"items": [], "meta": {}})
        client.list_imports(CREDS, size=100)
        assert upstream.calls[0].params == {"onlyImported": "true", "size": "100"}

    @pytest.mark.parametrize("status", [400, 404])
    def test_falls_back_to_deprecated_endpoint(self, client, upstream, status):
        upstream.get("/api/resources", json={"message": "unknown parameter"}, status=status)
        upstream.get("/api/users/u1/imports", json={"items": [{"id": "r2", "title": "Old"}], "meta": {}})
        page = client.list_imports(CREDS, cursor="abc")
        assert [r.id for r in page.items] == ["r2"]
        assert upstream.calls[1].params == {"cursor": "abc"}

    def test_no_fallback_on_401(self, client, upstream):
        upstream.get("/api/resources", json={}, status=401)
        with pytest.raises(LORAuthError):
            client.list_imports(CREDS)
        assert len(upstream.calls) == 1


class ProfileTests:
    URL = "/api/users/u9/profile"

    @pytest.mark.parametrize("status", [302, 303, 307])
    def test_redirect_location_is_the_profile(self, client, upstream, status):
        upstream.get(self.URL, status=status, headers={"Location": "https://canvas.test/users/9"})
        assert client.get_profile_url(CREDS, "u9") == "https://canvas.test/users/9"
        assert len(upstream.calls) == 1

    def test_json_url(self, client, upstream):
        upstream.get(self.URL, json={"url": "https://canvas.test/users/9"})
        assert client.get_profile_url(CREDS, "u9") == "https://canvas.test/users/9"

    def test_text_url(self, client, upstream):
        upstream.get(self.URL, body="https://canvas.test/users/9\n", content_type="text/plain")
        assert client.get_profile_url(CREDS, "u9") == "https://canvas.test/users/9"

    def test_no_content_means_no_profile(self, client, upstream):
        upstream.get(self.URL, status=204)
        assert client.get_profile_url(CREDS, "u9") is None

    @pytest.mark.parametrize("bad", ["javascript:alert(1)", "data:text/html,hi", "/relative", "ftp://x.test/"])
    def test_unsafe_urls_are_no_profile(self, client, upstream, bad):
        upstream.get(self.URL, status=302, headers={"Location": bad})
        assert client.get_profile_url(CREDS, "u9") is None


class SearchTests:
    def test_short_query_makes_no_call(self, client, upstream):
        page = client.search_users(CREDS, " ab ")
        assert page.items == ()
        assert page.next_cursor is None
        assert len(upstream.calls) == 0

    def test_search_passes_query_and_cursor(self, client, upstream):
        upstream.get("/api/users", json={"items": [{"uuid": "u2", "fullName": "Ann"}], "meta": {"count": 11, "cursor": "n"}})
        page = client.search_users(CREDS, "ann", cursor="c1")
        assert page.count == 11
        assert page.items[0].full_name == "Ann"
        assert upstream.calls[0].params == {"q": "ann", "cursor": "c1"}


class SessionTests:
    def test_create_session_from_jwt_sends_no_session_header(self, client, upstream):
        upstream.post("/api/sessions", json={"sessionId": "new-session"}, status=201)
        assert client.create_session("a.b.c") == "new-session"
        assert "X-Session-ID" not in upstream.calls[0].headers

    def test_session_without_user_id_is_unavailable(self, client, upstream):
        upstream.get("/api/sessions/abc", json={"userFullName": "Nobody"})
        with pytest.raises(LORUnavailable):
            client.get_session("abc")


class CountFavoritesTests:
    def test_counts_the_whole_list(self, client, upstream):
        upstream.get(FAVORITES, json={"items": [{"id": "a"}, {"id": "b"}, {"id": "c"}]})
        assert client.count_favorites(CREDS) == 3

    def test_sends_the_session_id(self, client, upstream):
        upstream.get(FAVORITES, json={"items": []})
        client.count_favorites(CREDS)
        assert upstream.calls[0].headers["X-Session-ID"] == "s3cret-session"


class OneResourceTests:
    def test_an_answer_without_the_resource_is_not_found(self, client, upstream):
        upstream.get("/api/resources/r1", json={"items": [], "meta": {}})
        with pytest.raises(LORNotFound):
            client.get_resource(CREDS, "r1")

    def test_an_answer_about_another_resource_is_not_found(self, client, upstream):
        upstream.get("/api/resources/r1", json={"id": "r2", "title": "Other"})
        with pytest.raises(LORNotFound):
            client.get_resource(CREDS, "r1")

    def test_the_asked_resource_is_returned(self, client, upstream):
        upstream.get("/api/resources/r1", json={"id": "r1", "title": "Mine"})
        assert client.get_resource(CREDS, "r1").title == "Mine"
