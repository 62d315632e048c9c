"""Upstream trouble in one place: 401 signs out, unreachable shows a message with Retry, ids 404 first."""
from __future__ import annotations

import pytest
import requests

from lor_dashboard.accounts.session import SESSION_KEY
from lor_dashboard.sandbox import jwt

from .conftest import HTMX, body
from .helpers import elements

DEAD = "http://127.0.0.1:9"


@pytest.fixture
def short_lived(client, sandbox, db):
    """Signed in with a real (non-demo) Commons session; returns a function that ends it upstream."""
    sid = requests.post(f"{sandbox.url}/api/sessions", json={"jwt_token": jwt.issue("u-maria")}, timeout=5).json()["sessionId"]
    assert client.post("/signin/", {"session_id": sid}).status_code == 302

    def expire():
        requests.get(f"{sandbox.url}/api/sessions/logout", headers={"X-Session-ID": sid}, timeout=5)

    return expire


@pytest.mark.django_db
class ExpiredSessionTests:
    @pytest.mark.parametrize("path", ["/", "/favorites/", "/imports/", "/users/u-005/profile/"])
    def test_401_signs_out_and_sends_to_signin(self, client, short_lived, path):
        short_lived()
        response = client.get(path, follow=True)
        assert response.redirect_chain[-1][0].startswith("/signin/")
        assert "Your Commons session has expired" in body(response)
        assert SESSION_KEY not in client.session

    def test_401_on_htmx_request_uses_hx_redirect(self, client, short_lived):
        short_lived()
        response = client.get("/favorites/?q=x", headers={**HTMX, "HX-Current-URL": "http://testserver/favorites/?q=x"})
        assert response["HX-Redirect"] == "/signin/?next=%2Ffavorites%2F%3Fq%3Dx"
        assert "Your Commons session has expired" in body(client.get("/signin/"))

    def test_401_on_a_post(self, client, short_lived):
        short_lived()
        response = client.post("/favorites/add/", {"resource_id": "abc"})
        assert response["Location"] == "/signin/"


@pytest.mark.django_db
class UnreachableUpstreamTests:
    @pytest.mark.parametrize("path", ["/favorites/", "/imports/", "/favorites/favorites.csv", "/users/u-005/profile/"])
    def test_page_says_what_failed_and_offers_retry(self, teacher, settings, path):
        settings.LOR_BASE_URL = DEAD
        response = teacher.get(path)
        assert response.status_code == 503
        text = body(response)
        assert "Commons is not answering" in text
        assert [a.attrs["href"] for a in elements(text, "a", href=True) if a.text == "Retry"] == [path]
        assert "Traceback" not in text

    def test_htmx_gets_a_message_fragment(self, teacher, settings):
        settings.LOR_BASE_URL = DEAD
        response = teacher.get("/favorites/?q=a", headers=HTMX)
        assert response.status_code == 503
        assert response["HX-Retarget"] == "#messages"
        assert "<html" not in body(response)
        assert "Commons is not answering" in body(response)

    def test_post_says_go_back(self, teacher, settings):
        settings.LOR_BASE_URL = DEAD
        response = teacher.post("/favorites/add/", {"resource_id": "abc"})
        assert response.status_code == 503
        assert "Go back and try again" in body(response)


@pytest.mark.django_db
class BadIdTests:
    @pytest.mark.parametrize("path", [
        "/users/..%2Fx/profile/", "/users/a%3Fb/profile/", "/users/%2e%2e/profile/", "/users/a%20b/profile/",
        "/favorites/..%2Fx/remove/", "/favorites/%2e%2e/star/", "/updates/a%3Fb/",
    ])
    def test_invalid_ids_are_404_without_an_upstream_call(self, teacher, settings, path):
        settings.LOR_BASE_URL = DEAD  # any upstream call would turn into a 503
        response = teacher.post(path) if "favorites" in path else teacher.get(path)
        assert response.status_code == 404
        assert "Page not found" in body(response)
