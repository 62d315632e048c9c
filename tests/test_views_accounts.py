"""Sign-in, sign-out and the sign-in wall, against the sandbox."""
from __future__ import annotations

import pytest

from lor_dashboard.accounts.session import SESSION_KEY

from .helpers import element, elements
from .routes import requests


@pytest.mark.django_db
class SignInWallTests:
    @pytest.mark.parametrize("path", ["/", "/favorites/", "/updates/", "/imports/", "/users/"])
    def test_signed_out_pages_redirect_to_signin(self, client, path):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == ("/signin/" if path == "/" else f"/signin/?next={path.replace('/', '%2F')}")

    @pytest.mark.parametrize("method, path, data, name", list(requests(public=False)))
    def test_every_route_not_marked_public_sends_a_visitor_to_sign_in(self, client, method, path, data, name):
        response = client.get(path) if method == "GET" else client.post(path, data)
        assert (response.status_code, response["Location"].split("?")[0]) == (302, "/signin/")

    def test_htmx_request_gets_hx_redirect(self, client):
        response = client.get("/favorites/", headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/favorites/?q=x"})
        assert response.status_code == 200
        assert response["HX-Redirect"] == "/signin/?next=%2Ffavorites%2F%3Fq%3Dx"

    def test_healthz_is_public(self, client, sandbox):
        assert client.get("/healthz").json() == {"status": "ok"}


@pytest.mark.django_db
class SignInTests:
    def test_form_has_a_session_id_field_and_demo_buttons(self, client, sandbox):
        body = client.get("/signin/").content.decode()
        assert element(body, "label", **{"for": "id_session_id"}).text == "Session ID"
        assert element(body, "input", id="id_session_id").attrs["name"] == "session_id"
        assert "Sign in as demo-teacher" in body

    def test_no_demo_ids_for_another_upstream(self, client, settings):
        settings.LOR_DEMO_SESSIONS = []
        assert "Sign in as" not in client.get("/signin/").content.decode()

    def test_success_stores_the_user_and_shows_the_name(self, client, sandbox):
        response = client.post("/signin/", {"session_id": "demo-teacher"}, follow=True)
        assert response.redirect_chain == [("/", 302)]
        body = response.content.decode()
        assert "María Hernández" in body
        assert "Maple Valley School District" in body
        assert client.session[SESSION_KEY]["user_id"] == "u-maria"
        assert elements(body, "a", href="/users/") == []  # not an admin

    def test_admin_sees_users_in_the_nav(self, client, sandbox):
        body = client.post("/signin/", {"session_id": "demo-admin"}, follow=True).content.decode()
        assert [a.text for a in elements(body, "a", href="/users/")] == ["Users"]

    def test_session_key_rotates(self, client, sandbox):
        client.get("/signin/")
        client.session.save()
        before = client.session.session_key
        client.post("/signin/", {"session_id": "demo-teacher"})
        assert client.session.session_key != before

    def test_next_is_followed_when_same_site(self, client, sandbox):
        response = client.post("/signin/", {"session_id": "demo-teacher", "next": "/updates/"})
        assert response["Location"] == "/updates/"

    @pytest.mark.parametrize("evil", ["https://evil.test/", "//evil.test/x", "javascript:alert(1)", "/\\evil.test"])
    def test_next_off_site_goes_home(self, client, sandbox, evil):
        response = client.post("/signin/", {"session_id": "demo-teacher", "next": evil})
        assert response["Location"] == "/"

    @pytest.mark.parametrize("bad", ["not-a-session", "../etc/passwd", "a?b"])
    def test_invalid_id_shows_the_form_again(self, client, sandbox, bad):
        response = client.post("/signin/", {"session_id": bad})
        assert response.status_code == 200
        assert "Commons did not accept this session id" in response.content.decode()
        assert SESSION_KEY not in client.session

    def test_empty_id(self, client, sandbox):
        response = client.post("/signin/", {"session_id": "  "})
        assert response.status_code == 200
        assert "Enter your Commons session id" in response.content.decode()

    def test_unreachable_upstream_says_so(self, client, settings):
        settings.LOR_BASE_URL = "http://127.0.0.1:9"
        response = client.post("/signin/", {"session_id": "demo-teacher"})
        assert response.status_code == 503
        assert "Commons could not be reached" in response.content.decode()
        assert elements(response.content.decode(), "input", name="session_id")

    def test_session_id_is_in_no_body_and_no_cookie(self, client, sandbox):
        pages = [client.post("/signin/", {"session_id": "demo-teacher"}, follow=True)]
        pages += [client.get(path) for path in ("/", "/favorites/", "/updates/", "/imports/", "/healthz")]
        for response in pages:
            assert b"demo-teacher" not in response.content
            for cookie in response.cookies.values():
                assert "demo-teacher" not in cookie.value
        assert all("demo-teacher" not in c.value for c in client.cookies.values())


@pytest.mark.django_db
class SignOutTests:
    def test_sign_out_ends_session_and_says_so(self, client, signed_in):
        signed_in()
        response = client.post("/signout/", follow=True)
        assert response.redirect_chain == [("/signin/", 302)]
        assert "You have signed out." in response.content.decode()
        assert client.get("/").status_code == 302

    def test_sign_out_clears_site_data(self, client, signed_in):
        signed_in()
        assert "storage" in client.post("/signout/")["Clear-Site-Data"]

    def test_sign_out_works_when_upstream_is_down(self, client, signed_in, settings):
        signed_in()
        settings.LOR_BASE_URL = "http://127.0.0.1:9"
        assert client.post("/signout/")["Location"] == "/signin/"
        assert SESSION_KEY not in client.session

    def test_sign_out_needs_post(self, client, signed_in):
        signed_in()
        assert client.get("/signout/").status_code == 405
