"""CanvasClient: every answer (any status, any body) becomes a typed error, no redirects are
followed, tokens are never logged, and one connection pool serves every call of the process."""
from __future__ import annotations

import json
import logging
from urllib.parse import parse_qs, urlsplit

import pytest

from lor_dashboard.canvas.client import CanvasAuthError, CanvasClient, CanvasRefused, CanvasUnavailable

from .stub_server import StubServer, send

JWT_PATH = "/api/lti/accounts/self/jwt_token"


@pytest.fixture
def canvas():
    """A stand-in Canvas answering whatever ``canvas.reply`` says: (status, body bytes, content type)."""
    def answer(handler):
        status, payload, kind = server.reply
        server.peers.append(handler.client_address)
        send(handler, status, payload, [("Content-Type", kind), *server.headers])

    server = StubServer(answer)
    server.reply, server.peers, server.headers = (200, b"{}", "application/json"), [], []
    yield server
    server.stop()


def said(server, status, payload, kind="application/json"):
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    server.reply = (status, body, kind)


class CanvasClientTests:
    @pytest.mark.parametrize("status, body, error", [
        (401, {"errors": [{"message": "Invalid access token."}]}, CanvasAuthError),
        (403, {"errors": [{"message": "Insufficient scopes on access token."}]}, CanvasRefused),
        (400, {"errors": [{"message": "tool_launch_url is required"}]}, CanvasRefused),
        (500, {}, CanvasUnavailable),
        (302, {}, CanvasUnavailable),
    ])
    def test_jwt_endpoint_errors(self, canvas, status, body, error):
        said(canvas, status, body)
        with pytest.raises(error):
            CanvasClient(canvas.url).jwt_token("tok", "https://lor.test/api/lti")

    @pytest.mark.parametrize("status, error", [(401, CanvasAuthError), (403, CanvasRefused), (500, CanvasUnavailable)])
    @pytest.mark.parametrize("body, kind", [
        (b'["not", "an", "object"]', "application/json"),
        (b'"just a string"', "application/json"),
        (b"<html><body>Error</body></html>", "text/html"),
        (b"", "application/json"),
        (b'{"errors": "not a list", "error": 7}', "application/json"),
    ], ids=["list", "string", "html", "empty", "odd-fields"])
    def test_odd_error_bodies_are_typed(self, canvas, status, error, body, kind):
        said(canvas, status, body, kind)
        with pytest.raises(error):
            CanvasClient(canvas.url).jwt_token("tok", "x")

    def test_unreachable(self):
        with pytest.raises(CanvasUnavailable, match="reached"):
            CanvasClient("http://127.0.0.1:9").jwt_token("tok", "x")

    def test_an_unreadable_success_is_unavailable(self, canvas):
        said(canvas, 200, b"<html>", "text/html")
        with pytest.raises(CanvasUnavailable):
            CanvasClient(canvas.url).jwt_token("tok", "x")

    def test_a_redirect_is_not_followed(self, canvas):
        said(canvas, 302, b"")
        canvas.headers = [("Location", "/elsewhere")]
        with pytest.raises(CanvasUnavailable):
            CanvasClient(canvas.url).jwt_token("tok", "x")
        assert len(canvas.requests) == 1

    def test_sends_the_bearer_and_launch_url_and_logs_no_token(self, canvas, caplog):
        said(canvas, 200, {"jwt_token": "a.b.c"})
        with caplog.at_level(logging.DEBUG):
            assert CanvasClient(canvas.url).jwt_token("s3cret-token", "https://lor.test/api/lti") == "a.b.c"
        method, path, headers = canvas.requests[0]
        assert headers["Authorization"] == "Bearer s3cret-token"
        assert parse_qs(urlsplit(path).query) == {"tool_launch_url": ["https://lor.test/api/lti"]}
        assert "s3cret-token" not in caplog.text
        assert "a.b.c" not in caplog.text

    def test_refresh_keeps_the_refresh_token(self, canvas):
        said(canvas, 200, {"access_token": "new", "expires_in": 3600})
        tokens = CanvasClient(canvas.url).refresh("id", "secret", "keep-me")
        assert tokens.access_token == "new"
        assert tokens.refresh_token == "keep-me"
        assert "keep-me" not in repr(tokens)

    @pytest.mark.parametrize("answer", [
        {"access_token": "new", "refresh_token": 7, "expires_in": 3600},
        {"access_token": "new", "expires_in": 10 ** 30},
        {"access_token": "new", "expires_in": True},
        {"access_token": "new", "expires_in": -5},
    ], ids=["refresh-not-text", "expires-huge", "expires-bool", "expires-negative"])
    def test_odd_token_fields_become_defaults(self, canvas, answer):
        said(canvas, 200, answer)
        tokens = CanvasClient(canvas.url).exchange_code("id", "secret", "https://d.test/cb", "code")
        assert (tokens.refresh_token, tokens.expires_in) == ("", 3600)

    def test_bad_client_is_refused_not_auth(self, canvas):
        said(canvas, 401, {"error": "invalid_client"})
        with pytest.raises(CanvasRefused):
            CanvasClient(canvas.url).exchange_code("id", "bad", "https://d.test/cb", "code")

    def test_one_pool_serves_every_client(self, canvas):
        """Sign-ins and renewals build a CanvasClient each; they share the process's connections."""
        said(canvas, 200, {"jwt_token": "a.b.c"})
        for _ in range(5):
            CanvasClient(canvas.url).jwt_token("tok", "x")
        assert len(set(canvas.peers)) == 1
