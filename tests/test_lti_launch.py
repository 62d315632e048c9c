"""LTI 1.3 launches, in process: id_tokens signed by a test key whose JWKS a loopback server
serves; Canvas' OAuth is the sandbox's. Each way a launch can be wrong, and what the teacher sees."""
from __future__ import annotations

import base64
import time
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.management import call_command

from lor_dashboard.accounts.models import CanvasGrant
from lor_dashboard.accounts.session import SESSION_KEY

from .conftest import body
from .helpers import approve_in_canvas, canvas_profile_says, element, elements, lang_of
from .stub_server import StubServer, send_json

ISSUER = "https://canvas.test"
CLIENT_ID = "10000000000001"
DEPLOYMENT = "1:deployment"
LTI = "https://purl.imsglobal.org/spec/lti/claim/"
MARIA = "5000"  # the sandbox's Canvas user id of u-maria (seed: 5000 + n, she is n = 0)


def _b64(number: int) -> str:
    return base64.urlsafe_b64encode(number.to_bytes((number.bit_length() + 7) // 8, "big")).decode().rstrip("=")


@pytest.fixture(scope="module")
def platform_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def platform_keys(platform_key):
    numbers = platform_key.public_key().public_numbers()
    jwks = {"keys": [{"kty": "RSA", "alg": "RS256", "use": "sig", "kid": "k1", "n": _b64(numbers.n), "e": _b64(numbers.e)}]}
    server = StubServer(lambda handler: send_json(handler, 200, jwks))
    yield server
    server.stop()


@pytest.fixture
def registered(db, platform_keys, canvas, settings):
    register(platform_keys)
    return canvas


def register(platform_keys, *more: str, stdout=None) -> None:
    call_command("lti_register", "--issuer", ISSUER, "--client-id", CLIENT_ID, "--auth-url", f"{ISSUER}/auth",
                 "--keyset-url", f"{platform_keys.url}/jwks", "--token-url", f"{ISSUER}/token",
                 "--deployment-id", DEPLOYMENT, *more, stdout=stdout or open("/dev/null", "w"))


def login(client, **extra) -> dict:
    """Canvas starts the OIDC login; the tool's redirect to the platform carries state and nonce."""
    params = {"iss": ISSUER, "login_hint": "opaque", "target_link_uri": "http://testserver/lti/launch/",
              "client_id": CLIENT_ID, "lti_deployment_id": DEPLOYMENT, **extra}
    response = client.get("/lti/login/", params)
    assert response.status_code == 302, body(response)[:300]
    return {k: v[0] for k, v in parse_qs(urlsplit(response["Location"]).query).items()}


def id_token(key, nonce: str, canvas_url: str, *, headers=None, **claims) -> str:
    now = int(time.time())
    payload = {
        "iss": ISSUER, "aud": CLIENT_ID, "sub": "lti-user-1", "iat": now, "exp": now + 300, "nonce": nonce,
        LTI + "message_type": "LtiResourceLinkRequest", LTI + "version": "1.3.0", LTI + "deployment_id": DEPLOYMENT,
        LTI + "target_link_uri": "http://testserver/lti/launch/", LTI + "resource_link": {"id": "nav"},
        LTI + "roles": ["http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor"],
        LTI + "launch_presentation": {"document_target": "iframe", "locale": "en"},
        LTI + "custom": {"canvas_user_id": MARIA, "canvas_api_base_url": canvas_url,
                         "canvas_course_id": "$Canvas.course.id", "locale": "$Message.locale"},
    }
    payload.update(claims)
    return jwt.encode(payload, key, algorithm="RS256", headers=headers or {"kid": "k1"})


def launch(client, platform_key, canvas, token_claims=None, key=None):
    started = login(client)
    token = id_token(key or platform_key, started["nonce"], canvas.url, **(token_claims or {}))
    return client.post("/lti/launch/", {"id_token": token, "state": started["state"]}), token, started["state"]


def kept_grant_for_maria(client, canvas) -> None:
    """Maria signed in with Canvas once before (OAuth through the sandbox): her grant is kept."""
    response = client.get("/signin/canvas/")
    params = {k: v[0] for k, v in parse_qs(urlsplit(response["Location"]).query).items()}
    client.get(approve_in_canvas(canvas, params))
    client.cookies.clear()  # another day, another browser


class LaunchTests:
    def test_a_first_launch_in_the_frame_offers_to_continue_in_a_new_tab(self, client, registered, platform_key):
        response, _, _ = launch(client, platform_key, registered)
        assert "Continue in a new tab" in body(response)

    def test_the_new_tab_link_opens_a_new_tab(self, client, registered, platform_key):
        response, _, _ = launch(client, platform_key, registered)
        links = [a for a in elements(body(response), "a", href=True) if a.text.startswith("Continue in a new tab")]
        assert [a.attrs.get("target") for a in links] == ["_blank"]

    def test_a_first_launch_in_a_window_goes_to_canvas_at_once(self, client, registered, platform_key):
        response, _, _ = launch(client, platform_key, registered,
                                {LTI + "launch_presentation": {"document_target": "window"}})
        assert response["Location"].startswith("/lti/connect/?t=")

    def test_a_kept_grant_signs_in_at_once(self, client, registered, platform_key):
        kept_grant_for_maria(client, registered)
        launch(client, platform_key, registered)
        assert client.session[SESSION_KEY]["user_id"] == "u-maria"

    def test_a_kept_grant_lands_on_the_overview(self, client, registered, platform_key):
        kept_grant_for_maria(client, registered)
        response, _, _ = launch(client, platform_key, registered)
        assert response["Location"] == "/"

    def test_a_course_launch_lands_on_that_course(self, client, registered, platform_key):
        kept_grant_for_maria(client, registered)
        custom = {"canvas_user_id": MARIA, "canvas_api_base_url": registered.url, "canvas_course_id": "1101"}
        response, _, _ = launch(client, platform_key, registered, {LTI + "custom": custom})
        assert response["Location"] == "/updates/?view=courses&course=1101"

    def test_the_course_opened_from_comes_first_with_focus(self, client, registered, platform_key):
        kept_grant_for_maria(client, registered)
        custom = {"canvas_user_id": MARIA, "canvas_api_base_url": registered.url, "canvas_course_id": "1101"}
        launch(client, platform_key, registered, {LTI + "custom": custom})
        page = body(client.get("/updates/?view=courses&course=1101"))
        first = next(h for h in elements(page, "h2") if h.attrs.get("id", "").startswith("course-"))
        # framed, autofocus is data-autofocus (accounts/middleware.py), which focus.js acts on
        assert ("data-autofocus" in first.attrs, first.text.startswith("Grade 7 Science")) == (True, True)

    def test_pages_after_a_framed_launch_have_the_compact_header(self, client, registered, platform_key):
        kept_grant_for_maria(client, registered)
        launch(client, platform_key, registered)
        assert "framed" in element(body(client.get("/")), "header", cls="site-header").classes

    def test_an_admin_role_in_the_launch_shows_admin_navigation(self, client, registered, platform_key):
        kept_grant_for_maria(client, registered)
        roles = ["http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator"]
        launch(client, platform_key, registered, {LTI + "roles": roles})
        assert elements(body(client.get("/")), "a", href="/users/")

    def test_a_launch_starts_from_nothing(self, client, registered, platform_key, signed_in):
        signed_in("demo-teacher-2")  # James used this browser before
        launch(client, platform_key, registered)  # Maria launches, no grant yet
        assert client.get("/favorites/").status_code == 302  # James' session is gone: to sign-in

    def test_the_page_of_a_launch_shows_nobody_from_before(self, client, registered, platform_key, signed_in):
        signed_in("demo-teacher-2")  # James used this browser before; Maria launches, no grant yet
        response, _, _ = launch(client, platform_key, registered)
        assert "James Okafor" not in body(response)

    def test_a_grant_canvas_no_longer_honours_falls_back_to_oauth(self, client, registered, platform_key):
        kept_grant_for_maria(client, registered)
        CanvasGrant.objects.update(refresh_token="", access_token="")
        response, _, _ = launch(client, platform_key, registered)
        assert "Continue in a new tab" in body(response)


class RefusedLaunchTests:
    def test_a_replayed_id_token_is_refused(self, client, registered, platform_key):
        _, token, state = launch(client, platform_key, registered)
        again = client.post("/lti/launch/", {"id_token": token, "state": state})
        assert again.status_code == 400

    def test_a_replay_says_the_launch_was_used(self, client, registered, platform_key):
        _, token, state = launch(client, platform_key, registered)
        assert "already used" in body(client.post("/lti/launch/", {"id_token": token, "state": state}))

    def test_a_replay_signs_nobody_in(self, client, registered, platform_key):
        kept_grant_for_maria(client, registered)
        _, token, state = launch(client, platform_key, registered)
        client.cookies.clear()
        client.post("/lti/launch/", {"id_token": token, "state": state})
        assert SESSION_KEY not in client.session

    def test_a_wrong_signature_is_refused(self, client, registered, platform_key):
        other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        response, _, _ = launch(client, platform_key, registered, key=other)
        assert response.status_code == 400

    def test_a_wrong_audience_is_refused(self, client, registered, platform_key):
        response, _, _ = launch(client, platform_key, registered, {"aud": "someone-else"})
        assert response.status_code == 400

    def test_a_wrong_issuer_is_refused(self, client, registered, platform_key):
        response, _, _ = launch(client, platform_key, registered, {"iss": "https://evil.example"})
        assert response.status_code == 400

    def test_an_expired_id_token_is_refused(self, client, registered, platform_key):
        past = int(time.time()) - 3600
        response, _, _ = launch(client, platform_key, registered, {"iat": past - 300, "exp": past})
        assert response.status_code == 400

    def test_an_unknown_deployment_is_refused(self, client, registered, platform_key):
        response, _, _ = launch(client, platform_key, registered, {LTI + "deployment_id": "not-installed"})
        assert response.status_code == 403

    def test_an_unknown_deployment_says_so(self, client, registered, platform_key):
        response, _, _ = launch(client, platform_key, registered, {LTI + "deployment_id": "not-installed"})
        assert "not set up here" in body(response)

    def test_a_missing_state_cookie_is_a_page_not_an_error(self, client, registered, platform_key):
        started = login(client)
        client.cookies.clear()
        token = id_token(platform_key, started["nonce"], registered.url)
        response = client.post("/lti/launch/", {"id_token": token, "state": started["state"]})
        assert response.status_code == 400

    def test_a_missing_state_cookie_says_what_to_do(self, client, registered, platform_key):
        started = login(client)
        client.cookies.clear()
        token = id_token(platform_key, started["nonce"], registered.url)
        page = body(client.post("/lti/launch/", {"id_token": token, "state": started["state"]}))
        assert "new tab" in page

    def test_a_launch_without_the_canvas_user_is_refused(self, client, registered, platform_key):
        custom = {"canvas_user_id": "$Canvas.user.id", "canvas_api_base_url": registered.url}
        response, _, _ = launch(client, platform_key, registered, {LTI + "custom": custom})
        assert "canvas_user_id" in body(response)

    def test_a_launch_from_another_canvas_is_refused(self, client, registered, platform_key):
        custom = {"canvas_user_id": MARIA, "canvas_api_base_url": "https://other.instructure.com"}
        response, _, _ = launch(client, platform_key, registered, {LTI + "custom": custom})
        assert response.status_code == 403

    def test_a_post_with_no_token_is_a_page(self, client, registered):
        assert client.post("/lti/launch/", {}).status_code == 400

    def test_a_login_from_an_unknown_platform_is_a_page(self, client, registered):
        response = client.get("/lti/login/", {"iss": "https://evil.example", "login_hint": "x", "client_id": "1",
                                              "target_link_uri": "http://testserver/lti/launch/"})
        assert response.status_code == 400


def approve_after_a_window_launch(client, platform_key, canvas, user_id: str):
    """A launch in a new window goes to Canvas at once; ``user_id`` approves there."""
    response, _, _ = launch(client, platform_key, canvas, {LTI + "launch_presentation": {"document_target": "window"}})
    to_canvas = client.get(response["Location"])
    params = {k: v[0] for k, v in parse_qs(urlsplit(to_canvas["Location"]).query).items()}
    return client.get(approve_in_canvas(canvas, params, user_id=user_id))


class ConnectTests:
    def test_the_oauth_of_the_launched_teacher_signs_in(self, client, registered, platform_key):
        approve_after_a_window_launch(client, platform_key, registered, "u-maria")
        assert client.session[SESSION_KEY]["user_id"] == "u-maria"

    def test_the_oauth_of_someone_else_is_refused(self, client, registered, platform_key):
        page = approve_after_a_window_launch(client, platform_key, registered, "u-james")
        assert "different person" in body(page)

    def test_someone_elses_grant_is_not_kept(self, client, registered, platform_key):
        approve_after_a_window_launch(client, platform_key, registered, "u-james")
        assert not CanvasGrant.objects.exists()

    def test_a_forged_link_is_refused(self, client, registered):
        assert "expired" in body(client.get("/lti/connect/?t=forged"))


class RegisterTests:
    def test_registering_twice_keeps_one_registration(self, registered, platform_keys):
        from lti_tool.models import LtiRegistration

        register(platform_keys, "--deployment-id", "2:more")
        assert LtiRegistration.objects.count() == 1

    def test_every_named_deployment_is_active(self, registered, platform_keys):
        from lti_tool.models import LtiDeployment

        register(platform_keys, "--deployment-id", "2:more")
        assert set(LtiDeployment.objects.filter(is_active=True).values_list("deployment_id", flat=True)) == {DEPLOYMENT, "2:more"}

    def test_it_prints_the_registrations_initiation_url(self, registered, platform_keys):
        import io

        from lti_tool.models import LtiRegistration

        out = io.StringIO()
        register(platform_keys, "--tool-url", "https://lor.school.example", stdout=out)
        uuid = LtiRegistration.objects.get().uuid
        assert f"https://lor.school.example/lti/login/{uuid}/" in out.getvalue()

    def test_the_registrations_own_initiation_url_works(self, client, registered):
        from lti_tool.models import LtiRegistration

        uuid = LtiRegistration.objects.get().uuid
        response = client.get(f"/lti/login/{uuid}/", {"iss": ISSUER, "login_hint": "x", "client_id": CLIENT_ID,
                                                      "target_link_uri": "http://testserver/lti/launch/"})
        assert response["Location"].startswith(f"{ISSUER}/auth?")

    def test_the_jwks_serves_the_tools_key(self, client, registered):
        assert len(client.get("/.well-known/jwks.json").json()["keys"]) == 1


def in_spanish(target: str = "iframe") -> dict:
    """A launch from a Canvas set to Latin American Spanish."""
    return {LTI + "launch_presentation": {"document_target": target, "locale": "es-419"}}


class LaunchLocaleTests:
    """The launch's locale claim outranks the Canvas profile and the browser (tests/test_language.py: the rest)."""

    def test_the_launch_claim_is_spoken_on_its_first_page(self, client, registered, platform_key):
        response, _, _ = launch(client, platform_key, registered, in_spanish())
        assert lang_of(response)[0] == "es"

    def test_the_launch_claim_outranks_accept_language(self, client, registered, platform_key):
        started = login(client)
        token = id_token(platform_key, started["nonce"], registered.url, **in_spanish())
        response = client.post("/lti/launch/", {"id_token": token, "state": started["state"]}, headers={"Accept-Language": "fr"})
        assert lang_of(response)[0] == "es"

    def test_the_launch_claim_outranks_the_canvas_profile(self, client, registered, platform_key):
        canvas_profile_says(registered, "fr")
        response, _, _ = launch(client, platform_key, registered, in_spanish("window"))
        to_canvas = client.get(response["Location"])
        params = {k: v[0] for k, v in parse_qs(urlsplit(to_canvas["Location"]).query).items()}
        client.get(approve_in_canvas(registered, params, user_id="u-maria"))
        assert lang_of(client.get("/"))[0] == "es"

    def test_a_kept_grant_launch_speaks_the_claim(self, client, registered, platform_key):
        kept_grant_for_maria(client, registered)
        response, _, _ = launch(client, platform_key, registered, in_spanish())
        assert lang_of(client.get(response["Location"]))[0] == "es"

    def test_a_launch_in_a_language_not_offered_falls_back_to_the_browser(self, client, registered, platform_key):
        claims = {LTI + "launch_presentation": {"document_target": "iframe", "locale": "nb-x-k12"}}
        client.cookies["lor_language"] = "pt-br"
        response, _, _ = launch(client, platform_key, registered, claims)
        assert (response.status_code, lang_of(response)[0]) == (200, "pt-BR")
