"""CanvasClient: errors typed in one place, no redirects, tokens never logged."""
from __future__ import annotations

import logging

import pytest
import requests
import responses

from lor_dashboard.canvas.client import CanvasAuthError, CanvasClient, CanvasRefused, CanvasUnavailable

BASE = "https://canvas.test"
JWT = f"{BASE}/api/lti/accounts/self/jwt_token"


@pytest.fixture
def upstream():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


class CanvasClientTests:
    @pytest.mark.parametrize("status, body, error", [
        (401, {"errors": [{"message": "Invalid access token."}]}, CanvasAuthError),
        (403, {"errors": [{"message": "Insufficient scopes on access token."}]}, CanvasRefused),
        (400, {"errors": [{"message": "tool_launch_url is required"}]}, CanvasRefused),
        (500, {}, CanvasUnavailable),
        (302, {}, CanvasUnavailable),
    ])
    def test_jwt_endpoint_errors(self, upstream, status, body, error):
        upstream.get(JWT, json=body, status=status)
        with pytest.raises(error):
            CanvasClient(BASE).jwt_token("tok", "https://lor.test/api/lti")

    def test_unreachable_and_unreadable(self, upstream):
        upstream.get(JWT, body=requests.ConnectionError("down"))
        with pytest.raises(CanvasUnavailable, match="reached"):
            CanvasClient(BASE).jwt_token("tok", "x")
        upstream.replace(responses.GET, JWT, body="<html>", status=200)
        with pytest.raises(CanvasUnavailable):
            CanvasClient(BASE).jwt_token("tok", "x")

    def test_sends_the_bearer_and_launch_url_and_logs_no_token(self, upstream, caplog):
        upstream.get(JWT, json={"jwt_token": "a.b.c"})
        with caplog.at_level(logging.DEBUG):
            assert CanvasClient(BASE).jwt_token("s3cret-token", "https://lor.test/api/lti") == "a.b.c"
        call = upstream.calls[0].request
        assert call.headers["Authorization"] == "Bearer s3cret-token"
        assert call.params == {"tool_launch_url": "https://lor.test/api/lti"}
        assert "s3cret-token" not in caplog.text
        assert "a.b.c" not in caplog.text

    def test_refresh_keeps_the_refresh_token(self, upstream):
        upstream.post(f"{BASE}/login/oauth2/token", json={"access_token": "new", "expires_in": 3600})
        tokens = CanvasClient(BASE).refresh("id", "secret", "keep-me")
        assert tokens.access_token == "new"
        assert tokens.refresh_token == "keep-me"
        assert "keep-me" not in repr(tokens)

    def test_bad_client_is_refused_not_auth(self, upstream):
        upstream.post(f"{BASE}/login/oauth2/token", json={"error": "invalid_client"}, status=401)
        with pytest.raises(CanvasRefused):
            CanvasClient(BASE).exchange_code("id", "bad", "https://d.test/cb", "code")
