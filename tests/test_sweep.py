"""Nothing sign-in leaves behind grows for ever: anonymous pages write no session rows, and the
sweep (``manage.py sweep``, and a small one on sign-in) clears what expired."""
from __future__ import annotations

import io
from datetime import timedelta

import pytest
import requests
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from lor_dashboard.accounts import sweep as sweep_module
from lor_dashboard.accounts.models import CanvasGrant, OAuthState, SignInFailure
from lor_dashboard.accounts.secrets import seal

from .helpers import approve_in_canvas, go_to_canvas


def stale_grant(settings, access: str = "x") -> CanvasGrant:
    grant = CanvasGrant.objects.create(refresh_token="x", access_token=seal(access), commons_session="x",
                                       access_expires=timezone.now())
    CanvasGrant.objects.filter(pk=grant.pk).update(renewed=timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE + 60))
    return grant


def expired_session(n: int = 0) -> str:
    key = f"expired{n:x}".ljust(32, "x")
    Session.objects.create(session_key=key, session_data="", expire_date=timezone.now() - timedelta(seconds=1))
    return key


@pytest.mark.django_db
class AnonymousPagesTests:
    def test_sign_in_page_loads_write_no_session_rows(self, client, sandbox):
        for _ in range(200):
            client.get("/signin/")
        assert Session.objects.count() == 0

    def test_signed_out_pages_write_no_session_rows(self, client, sandbox):
        for path in ("/", "/favorites/", "/signin/?next=/updates/"):
            client.get(path)
        assert Session.objects.count() == 0

    def test_starting_canvas_sign_in_writes_no_session_row(self, client, canvas):
        for _ in range(20):
            go_to_canvas(client)
        assert Session.objects.count() == 0


@pytest.mark.django_db
class SweepCommandTests:
    def test_expired_sessions_are_cleared(self):
        key = expired_session()
        call_command("sweep", stdout=open("/dev/null", "w"))
        assert not Session.objects.filter(session_key=key).exists()

    def test_the_command_says_how_many_sessions_it_cleared(self):
        expired_session(1), expired_session(2)
        out = io.StringIO()
        call_command("sweep", stdout=out)
        assert out.getvalue().startswith("2 sessions")

    def test_unfinished_sign_ins_are_cleared(self):
        OAuthState.objects.create(digest="d" * 64, next_url="/")
        OAuthState.objects.filter(pk="d" * 64).update(created=timezone.now() - timedelta(hours=1))
        call_command("sweep", stdout=open("/dev/null", "w"))
        assert OAuthState.objects.count() == 0

    def test_old_failure_counters_are_cleared(self):
        SignInFailure.objects.create(key="client:x", count=3, since=timezone.now() - timedelta(hours=1))
        call_command("sweep", stdout=open("/dev/null", "w"))
        assert SignInFailure.objects.count() == 0

    def test_a_stale_grant_is_deleted(self, canvas, settings):
        grant = stale_grant(settings)
        call_command("sweep", stdout=open("/dev/null", "w"))
        assert not CanvasGrant.objects.filter(pk=grant.pk).exists()

    def test_a_stale_grant_is_revoked_at_canvas(self, client, canvas, settings):
        client.get(approve_in_canvas(canvas, go_to_canvas(client, "/")))
        grant = CanvasGrant.objects.get()
        CanvasGrant.objects.filter(pk=grant.pk).update(renewed=timezone.now() - timedelta(days=settings.CANVAS_GRANT_DAYS, seconds=60))
        from lor_dashboard.accounts.secrets import unseal

        access = unseal(grant.access_token)
        call_command("sweep", stdout=open("/dev/null", "w"))
        jwt = requests.get(f"{canvas.url}/api/lti/accounts/self/jwt_token", params={"tool_launch_url": "x"},
                           headers={"Authorization": f"Bearer {access}"}, timeout=5)
        assert jwt.status_code == 401

    def test_a_grant_of_a_known_canvas_user_outlives_the_session(self, client, canvas, settings):
        client.get(approve_in_canvas(canvas, go_to_canvas(client, "/")))
        CanvasGrant.objects.update(renewed=timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE + 60))
        call_command("sweep", stdout=open("/dev/null", "w"))
        assert CanvasGrant.objects.count() == 1  # the teacher's next LTI launch signs in with it

    def test_a_grant_of_a_known_canvas_user_goes_after_grant_days(self, client, canvas, settings):
        client.get(approve_in_canvas(canvas, go_to_canvas(client, "/")))
        CanvasGrant.objects.update(renewed=timezone.now() - timedelta(days=settings.CANVAS_GRANT_DAYS, seconds=60))
        call_command("sweep", stdout=open("/dev/null", "w"))
        assert CanvasGrant.objects.count() == 0

    def test_live_things_are_kept(self, client, sandbox):
        client.post("/signin/", {"session_id": "demo-teacher"})
        call_command("sweep", stdout=open("/dev/null", "w"))
        assert client.get("/favorites/").status_code == 200


@pytest.mark.django_db
class SignInSweepTests:
    def test_a_sign_in_sweeps(self, client, sandbox, monkeypatch):
        monkeypatch.setattr(sweep_module, "_last", [float("-inf")])
        key = expired_session()
        client.post("/signin/", {"session_id": "demo-teacher"})
        assert not Session.objects.filter(session_key=key).exists()

    def test_at_most_now_and_then(self, client, sandbox, monkeypatch):
        monkeypatch.setattr(sweep_module, "_last", [float("-inf")])
        client.post("/signin/", {"session_id": "demo-teacher"})
        key = expired_session()
        client.post("/signin/", {"session_id": "demo-teacher"})
        assert Session.objects.filter(session_key=key).exists()
