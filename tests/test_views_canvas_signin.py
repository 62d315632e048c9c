"""Signing in with Canvas against the sandbox's Canvas: OAuth, state checks, the token path, failures."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from lor_dashboard.accounts.session import SESSION_KEY
from lor_dashboard.sandbox.seed import CANVAS_CLIENT_ID, CANVAS_CLIENT_SECRET

from .conftest import body
from .helpers import approve_in_canvas, element, favorite_ids, go_to_canvas


@pytest.mark.django_db
class OAuthSignInTests:
    def test_sign_in_page_offers_canvas_when_configured(self, client, canvas):
        assert "Sign in with Canvas" in body(client.get("/signin/"))

    def test_not_offered_when_not_configured(self, client, sandbox, settings):
        settings.CANVAS_CLIENT_ID = ""
        assert "Sign in with Canvas" not in body(client.get("/signin/"))
        assert client.get("/signin/canvas/")["Location"] == "/signin/"

    def test_full_flow_lands_on_next_signed_in(self, client, canvas):
        params = go_to_canvas(client)
        assert params["client_id"] == CANVAS_CLIENT_ID
        assert len(params["state"]) >= 40
        assert params["redirect_uri"] == "http://testserver/signin/canvas/callback/"
        client.get("/signin/")
        client.session.save()
        before = client.session.session_key
        response = client.get(approve_in_canvas(canvas, params), follow=True)
        assert response.redirect_chain[-1][0] == "/updates/"
        assert "María Hernández" in body(response)
        assert client.session.session_key != before
        assert client.session[SESSION_KEY]["user_id"] == "u-maria"

    def test_state_mismatch_missing_and_reuse_are_refused(self, client, canvas):
        params = go_to_canvas(client)
        back = approve_in_canvas(canvas, {**params, "state": "forged"})
        assert "could not be verified" in body(client.get(back))
        params = go_to_canvas(client)
        back = approve_in_canvas(canvas, params)
        assert "could not be verified" in body(client.get(back.replace(f"state={params['state']}", "state=")))
        params = go_to_canvas(client)
        back = approve_in_canvas(canvas, params)
        assert client.get(back).status_code == 302
        client.post("/signout/")
        reused = client.get(back)
        assert "could not be verified" in body(reused)
        assert SESSION_KEY not in client.session

    def test_access_denied(self, client, canvas):
        back = approve_in_canvas(canvas, go_to_canvas(client), decision="deny")
        assert "You chose not to authorize LOR Dashboard in Canvas" in body(client.get(back))

    def test_missing_scope(self, client, canvas, settings):
        settings.CANVAS_SCOPES = "url:GET|/api/v1/everything"
        response = client.get("/signin/canvas/")
        back = requests.get(response["Location"], allow_redirects=False, timeout=5).headers["Location"]
        location = urlsplit(back)
        assert "lacks a scope" in body(client.get(f"{location.path}?{location.query}"))

    def test_user_who_never_opened_commons(self, client, canvas):
        back = approve_in_canvas(canvas, go_to_canvas(client), user_id="u-003")
        text = body(client.get(back))
        assert "Open Commons once from Canvas, accept its terms, then try again" in text

    def test_canvas_unreachable(self, client, canvas, settings):
        params = go_to_canvas(client)
        back = approve_in_canvas(canvas, params)
        settings.CANVAS_BASE_URL = "http://127.0.0.1:9"
        assert "Canvas could not be reached" in body(client.get(back))

    def test_tokens_appear_in_no_page_cookie_or_log(self, client, canvas, caplog):
        params = go_to_canvas(client)
        back = approve_in_canvas(canvas, params)
        with caplog.at_level("DEBUG"):
            response = client.get(back, follow=True)
        code = parse_qs(urlsplit(back).query)["code"][0]
        sid = client.session[SESSION_KEY]["sid"]
        for secret in (sid, CANVAS_CLIENT_SECRET):
            assert secret not in body(response)
            assert secret not in caplog.text
            assert all(secret not in c.value for c in client.cookies.values())
        assert code
        assert code not in caplog.text


@pytest.mark.django_db
class TokenSignInTests:
    def test_personal_token_signs_in_and_is_not_kept(self, client, canvas):
        response = client.post("/signin/token/", {"canvas_url": canvas.url, "token": "demo-teacher-token", "next": "/favorites/"},
                               follow=True)
        assert response.redirect_chain[-1][0] == "/favorites/"
        assert element(body(response), id="favorites-count").text == f"{len(favorite_ids(canvas))} favorites."
        assert "demo-teacher-token" not in str(dict(client.session))

    def test_bad_token(self, client, canvas):
        text = body(client.post("/signin/token/", {"canvas_url": canvas.url, "token": "nope"}))
        assert "Canvas did not accept the token" in text

    @pytest.mark.parametrize("address", ["http://169.254.169.254", "https://evil.example", "file:///etc/passwd", "ftp://127.0.0.1"])
    def test_only_allowed_canvas_addresses_are_called(self, client, canvas, address):
        text = body(client.post("/signin/token/", {"canvas_url": address, "token": "demo-teacher-token"}))
        assert "not one this dashboard works with" in text

    def test_never_launched(self, client, canvas):
        text = body(client.post("/signin/token/", {"canvas_url": canvas.url, "token": "never-launched-token"}))
        assert "Open Commons once from Canvas" in text
