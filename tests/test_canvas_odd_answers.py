"""Whatever Canvas answers while someone signs in (a 401, 403 or 500 with a JSON list, a string,
an HTML page or nothing), the sign-in page says what happened in our words: never a 500."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .conftest import body
from .helpers import go_to_canvas
from .stub_server import StubServer, send

BODIES = {
    "list": (b'["error"]', "application/json"),
    "string": (b'"Unauthorized"', "application/json"),
    "html": (b"<!doctype html><title>Error</title><h1>Something broke</h1>", "text/html"),
    "empty": (b"", "application/json"),
}
TOKEN_SAYS = {401: "Canvas did not accept the token", 403: "Canvas refused to issue a Commons token",
              500: "Canvas is having trouble right now"}
OAUTH_SAYS = {401: "Canvas did not accept this sign-in", 403: "Canvas did not accept this sign-in",
              500: "Canvas is having trouble right now"}


@pytest.fixture(params=list(BODIES))
def odd_canvas(request, settings, sandbox):
    """A Canvas that answers every call with ``odd_canvas.status`` and one odd body."""
    payload, kind = BODIES[request.param]

    def answer(handler):
        send(handler, server.status, payload, [("Content-Type", kind)])

    server = StubServer(answer)
    server.status = 500
    settings.CANVAS_BASE_URL, settings.CANVAS_CLIENT_ID, settings.CANVAS_CLIENT_SECRET = server.url, "id", "secret"
    settings.CANVAS_TOKEN_HOSTS = [f"127.0.0.1:{server.port}"]
    yield server
    server.stop()


@pytest.mark.django_db
class OddCanvasAnswerTests:
    @pytest.mark.parametrize("status", list(TOKEN_SAYS))
    def test_token_sign_in_says_why(self, client, odd_canvas, status):
        odd_canvas.status = status
        response = client.post("/signin/token/", {"canvas_url": odd_canvas.url, "token": "a-token"})
        assert TOKEN_SAYS[status] in body(response)

    @pytest.mark.parametrize("status", list(OAUTH_SAYS))
    def test_sign_in_with_canvas_says_why(self, client, odd_canvas, status):
        params = go_to_canvas(client, "/")
        odd_canvas.status = status
        callback = urlsplit(params["redirect_uri"]).path
        response = client.get(f"{callback}?code=a-code&state={params['state']}", follow=True)
        assert OAUTH_SAYS[status] in body(response)


@pytest.mark.django_db
class OddTokenTests:
    def test_a_token_with_a_line_break_is_refused_in_words(self, client, canvas):
        text = body(client.post("/signin/token/", {"canvas_url": canvas.url, "token": "abc\ndef"}))
        assert "Canvas did not accept the token" in text
