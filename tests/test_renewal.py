"""Sessions that renew themselves after an OAuth sign-in: invisibly, once for concurrent
requests, with the Canvas token refreshed when needed; sign-in when renewal fails; revocation."""
from __future__ import annotations

import threading

import pytest
import requests
from django.test import Client

from lor_dashboard.accounts.models import CanvasGrant
from lor_dashboard.accounts.secrets import seal, unseal
from lor_dashboard.accounts.session import SESSION_KEY

from .conftest import HTMX, body
from .helpers import element, elements, expire, favorite_ids, sessions_made

ME = "u-maria"


@pytest.mark.django_db(transaction=True)
class RenewalTests:
    def test_expired_commons_session_renews_invisibly(self, oauth_user, canvas):
        before = oauth_user.session[SESSION_KEY]["sid"]
        expire(canvas, "commons")
        response = oauth_user.get("/favorites/")
        assert response.status_code == 200
        assert element(body(response), id="favorites-count").text == f"{len(favorite_ids(canvas))} favorites."
        assert oauth_user.session[SESSION_KEY]["sid"] != before

    def test_htmx_request_renews_too(self, oauth_user, canvas):
        expire(canvas, "commons")
        response = oauth_user.get("/favorites/?q=quiz", headers=HTMX)
        assert elements(body(response), "section", id="favorites-results")

    def test_expired_canvas_token_is_refreshed_first(self, oauth_user, canvas):
        expire(canvas, "canvas")
        expire(canvas, "commons")
        html = body(oauth_user.get("/favorites/"))
        assert element(html, id="favorites-count").text == f"{len(favorite_ids(canvas))} favorites."

    def test_renewal_failure_sends_to_sign_in(self, oauth_user, canvas):
        grant = CanvasGrant.objects.get()
        requests.delete(f"{canvas.url}/login/oauth2/token", timeout=5,
                        headers={"Authorization": f"Bearer {unseal(grant.access_token)}"})  # revokes the refresh token too
        expire(canvas, "commons")
        response = oauth_user.get("/favorites/", follow=True)
        assert response.redirect_chain[-1][0].startswith("/signin/")
        assert "Your Commons session has expired" in body(response)

    def test_concurrent_requests_renew_once(self, oauth_user, canvas):
        expire(canvas, "commons")
        made = sessions_made(canvas)
        cookie = oauth_user.cookies["sessionid"].value
        results, start = [], threading.Barrier(4)

        def load():
            other = Client()
            other.cookies["sessionid"] = cookie
            start.wait()
            response = other.get("/favorites/")
            results.append(response.status_code)

        threads = [threading.Thread(target=load) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert results == [200] * 4
        assert sessions_made(canvas) == made + 1

    def test_the_overview_renews_once_from_its_parallel_calls(self, oauth_user, canvas):
        expire(canvas, "commons")
        made = sessions_made(canvas)
        oauth_user.get("/")
        assert sessions_made(canvas) == made + 1

    def test_the_overview_after_a_renewal_is_whole(self, oauth_user, canvas):
        expire(canvas, "commons")
        assert "could not be loaded" not in body(oauth_user.get("/"))

    def test_signing_out_does_not_renew_to_end_the_session(self, oauth_user, canvas):
        expire(canvas, "commons")
        made = sessions_made(canvas)
        oauth_user.post("/signout/")
        assert sessions_made(canvas) == made

    def test_session_id_path_has_nothing_to_renew(self, client, canvas, db):
        client.post("/signin/", {"session_id": "demo-teacher"})
        assert client.session[SESSION_KEY]["grant"] == ""

    def test_sign_out_revokes_and_forgets(self, oauth_user, canvas):
        access = unseal(CanvasGrant.objects.get().access_token)
        oauth_user.post("/signout/")
        assert CanvasGrant.objects.count() == 0
        jwt = requests.get(f"{canvas.url}/api/lti/accounts/self/jwt_token", params={"tool_launch_url": "x"},
                           headers={"Authorization": f"Bearer {access}"}, timeout=5)
        assert jwt.status_code == 401

    def test_tokens_are_encrypted_at_rest(self, oauth_user, canvas):
        grant = CanvasGrant.objects.get()
        sid = oauth_user.session[SESSION_KEY]["sid"]
        for column in (grant.refresh_token, grant.access_token, grant.commons_session):
            assert column.startswith("gAAAA")  # a Fernet token
        assert unseal(grant.commons_session) == sid
        assert sid not in grant.commons_session

    def test_keys_rotate(self, settings):
        from cryptography.fernet import Fernet

        old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
        settings.CANVAS_TOKEN_KEYS = [old]
        sealed = seal("refresh-me")
        settings.CANVAS_TOKEN_KEYS = [new, old]
        assert unseal(sealed) == "refresh-me"
        settings.CANVAS_TOKEN_KEYS = [new]
        assert unseal(sealed) == ""
