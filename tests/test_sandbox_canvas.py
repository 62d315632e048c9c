"""The sandbox's Canvas: authorize, code and refresh grants, revoke, jwt_token, and its JWTs at Commons."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from lor_dashboard.sandbox.seed import CANVAS_CLIENT_ID, CANVAS_CLIENT_SECRET

REDIRECT = "http://127.0.0.1:9/callback"
LAUNCH = "https://lor.instructure.com/api/lti"


def approve(sandbox, user_id="u-maria", decision="approve") -> dict:
    response = requests.post(f"{sandbox.url}/login/oauth2/auth", data={
        "client_id": CANVAS_CLIENT_ID, "redirect_uri": REDIRECT, "state": "s1", "user_id": user_id, "decision": decision,
    }, allow_redirects=False, timeout=5)
    assert response.status_code == 302
    return {k: v[0] for k, v in parse_qs(urlsplit(response.headers["Location"]).query).items()}


def exchange(sandbox, code):
    return requests.post(f"{sandbox.url}/login/oauth2/token", data={
        "grant_type": "authorization_code", "client_id": CANVAS_CLIENT_ID, "client_secret": CANVAS_CLIENT_SECRET,
        "redirect_uri": REDIRECT, "code": code}, timeout=5)


def jwt_for(sandbox, token):
    return requests.get(f"{sandbox.url}/api/lti/accounts/self/jwt_token", params={"tool_launch_url": LAUNCH},
                        headers={"Authorization": f"Bearer {token}"}, timeout=5)


class SandboxCanvasTests:
    def test_authorize_page_lists_demo_users(self, sandbox):
        page = requests.get(f"{sandbox.url}/login/oauth2/auth", params={
            "client_id": CANVAS_CLIENT_ID, "response_type": "code", "redirect_uri": REDIRECT, "state": "s1"}, timeout=5)
        assert "Authorize as María Hernández" in page.text

    def test_full_flow_to_a_commons_session(self, sandbox):
        params = approve(sandbox)
        assert params["state"] == "s1"
        tokens = exchange(sandbox, params["code"]).json()
        assert tokens["token_type"] == "Bearer"
        assert tokens["refresh_token"]
        assert tokens["expires_in"] == 3600
        assert exchange(sandbox, params["code"]).status_code == 400  # a code works once
        jwt = jwt_for(sandbox, tokens["access_token"]).json()["jwt_token"]
        session = requests.post(f"{sandbox.url}/api/sessions", json={"jwt_token": jwt}, timeout=5)
        assert session.status_code == 201
        me = requests.get(f"{sandbox.url}/api/sessions/{session.json()['sessionId']}",
                          headers={"X-Session-ID": session.json()["sessionId"]}, timeout=5).json()
        assert me["userId"] == "u-maria"

    def test_deny_refresh_revoke_and_expire(self, sandbox):
        assert approve(sandbox, decision="deny")["error"] == "access_denied"
        tokens = exchange(sandbox, approve(sandbox)["code"]).json()
        requests.post(f"{sandbox.url}/sandbox/expire", json={"userId": "u-maria", "what": "canvas"}, timeout=5)
        assert jwt_for(sandbox, tokens["access_token"]).status_code == 401
        fresh = requests.post(f"{sandbox.url}/login/oauth2/token", data={
            "grant_type": "refresh_token", "client_id": CANVAS_CLIENT_ID, "client_secret": CANVAS_CLIENT_SECRET,
            "refresh_token": tokens["refresh_token"]}, timeout=5).json()
        assert jwt_for(sandbox, fresh["access_token"]).status_code == 200
        requests.delete(f"{sandbox.url}/login/oauth2/token", headers={"Authorization": f"Bearer {fresh['access_token']}"}, timeout=5)
        assert jwt_for(sandbox, fresh["access_token"]).status_code == 401

    def test_personal_token_and_never_launched_user(self, sandbox):
        assert jwt_for(sandbox, "demo-teacher-token").status_code == 200
        jwt = jwt_for(sandbox, "never-launched-token").json()["jwt_token"]
        refused = requests.post(f"{sandbox.url}/api/sessions", json={"jwt_token": jwt}, timeout=5)
        assert refused.status_code == 400
        assert "launched Commons" in refused.json()["message"]

    @pytest.mark.parametrize("scope", ["url:GET|/api/v1/courses"])
    def test_unknown_scope_is_refused(self, sandbox, scope):
        response = requests.get(f"{sandbox.url}/login/oauth2/auth", params={
            "client_id": CANVAS_CLIENT_ID, "response_type": "code", "redirect_uri": REDIRECT, "state": "s", "scope": scope},
            allow_redirects=False, timeout=5)
        assert "error=invalid_scope" in response.headers["Location"]


class LanguageTests:
    """The sandbox's own pages (its Canvas, its Commons pages) in the visitor's language, and the
    profile fields the dashboard reads for the teacher's language."""

    def authorize_page(self, sandbox, language: str) -> str:
        return requests.get(f"{sandbox.url}/login/oauth2/auth", params={
            "client_id": CANVAS_CLIENT_ID, "response_type": "code", "redirect_uri": REDIRECT, "state": "s"},
            headers={"Accept-Language": language}, timeout=5).text

    def test_the_authorize_page_speaks_spanish(self, sandbox):
        assert "Autorizar como María Hernández" in self.authorize_page(sandbox, "es-419,es;q=0.9")

    def test_the_authorize_page_is_right_to_left_in_arabic(self, sandbox):
        assert '<html lang="ar" dir="rtl">' in self.authorize_page(sandbox, "ar")

    def test_the_course_page_launches_in_the_language_chosen(self, sandbox):
        page = requests.get(f"{sandbox.url}/sandbox/canvas-course?locale=fr", timeout=5).text
        assert "locale=fr" in page

    def test_the_profile_has_no_locale_until_one_is_set(self, sandbox):
        token = exchange(sandbox, approve(sandbox)["code"]).json()["access_token"]
        profile = requests.get(f"{sandbox.url}/api/v1/users/self", headers={"Authorization": f"Bearer {token}"}, timeout=5).json()
        assert (profile["locale"], profile["effective_locale"]) == (None, "en")

    def test_the_profile_says_the_locale_set(self, sandbox):
        requests.post(f"{sandbox.url}/sandbox/canvas-locale", json={"userId": "u-maria", "locale": "pt-BR"}, timeout=5)
        token = exchange(sandbox, approve(sandbox)["code"]).json()["access_token"]
        profile = requests.get(f"{sandbox.url}/api/v1/users/self", headers={"Authorization": f"Bearer {token}"}, timeout=5).json()
        assert profile["locale"] == "pt-BR"

    def test_the_profile_needs_a_token(self, sandbox):
        assert requests.get(f"{sandbox.url}/api/v1/users/self", timeout=5).status_code == 401
