"""A shared classroom computer: the next teacher who signs in inherits nothing of the last one."""
from __future__ import annotations

import pytest
import requests

from lor_dashboard.accounts.models import CanvasGrant
from lor_dashboard.accounts.secrets import unseal
from lor_dashboard.core.models import Kept

from .conftest import body, undo_data
from .helpers import approve_in_canvas, go_to_canvas


def favorites(sandbox, session_id: str, user_id: str) -> list[str]:
    data = requests.get(f"{sandbox.url}/api/users/{user_id}/favorites", headers={"X-Session-ID": session_id}, timeout=5).json()
    return [r["id"] for r in data["items"]]


@pytest.mark.django_db
class NextTeacherTests:
    def test_undo_is_not_inherited(self, client, sandbox):
        """Even with the last teacher's Undo token in hand, the next one cannot run it."""
        client.post("/signin/", {"session_id": "demo-teacher"})
        removed = favorites(sandbox, "demo-teacher", "u-maria")[0]
        undo = undo_data(body(client.post(f"/favorites/{removed}/remove/", {"next": "/favorites/"}, follow=True)))
        client.post("/signin/", {"session_id": "demo-teacher-2"})
        client.post("/favorites/undo/", undo)
        assert removed not in favorites(sandbox, "demo-teacher-2", "u-james")

    def test_the_last_teachers_undo_is_forgotten(self, client, sandbox):
        client.post("/signin/", {"session_id": "demo-teacher"})
        removed = favorites(sandbox, "demo-teacher", "u-maria")[0]
        client.post(f"/favorites/{removed}/remove/", {"next": "/favorites/"})
        client.post("/signin/", {"session_id": "demo-teacher-2"})
        assert not Kept.objects.filter(kind="undo-favorites").exists()

    def test_remembered_choices_are_not_inherited(self, client, sandbox):
        client.post("/signin/", {"session_id": "demo-teacher"})
        client.get(f"/resources/{favorites(sandbox, 'demo-teacher', 'u-maria')[0]}/")
        assert Kept.objects.filter(kind="import-courses").exists()
        client.post("/signin/", {"session_id": "demo-teacher-2"})
        assert not Kept.objects.filter(kind="import-courses").exists()

    def test_pending_messages_are_not_inherited(self, client, sandbox):
        client.post("/signin/", {"session_id": "demo-teacher"})
        client.post(f"/favorites/{favorites(sandbox, 'demo-teacher', 'u-maria')[0]}/remove/", {"next": "/favorites/"})
        page = body(client.post("/signin/", {"session_id": "demo-teacher-2"}, follow=True))
        assert "Removed 1 favorite" not in page

    def test_the_same_teacher_keeps_their_undo(self, client, sandbox):
        client.post("/signin/", {"session_id": "demo-teacher"})
        removed = favorites(sandbox, "demo-teacher", "u-maria")[0]
        undo = undo_data(body(client.post(f"/favorites/{removed}/remove/", {"next": "/favorites/"}, follow=True)))
        client.post("/signin/", {"session_id": "demo-teacher"})
        client.post("/favorites/undo/", undo)
        assert removed in favorites(sandbox, "demo-teacher", "u-maria")

    def test_the_key_still_rotates(self, client, sandbox):
        client.post("/signin/", {"session_id": "demo-teacher"})
        before = client.session.session_key
        client.post("/signin/", {"session_id": "demo-teacher"})
        assert client.session.session_key != before


@pytest.mark.django_db
class LeftBehindGrantTests:
    def test_the_last_teachers_grant_is_deleted(self, client, canvas):
        client.get(approve_in_canvas(canvas, go_to_canvas(client, "/")))
        client.post("/signin/", {"session_id": "demo-teacher-2"})
        assert CanvasGrant.objects.count() == 0

    def test_the_last_teachers_canvas_token_is_revoked(self, client, canvas):
        client.get(approve_in_canvas(canvas, go_to_canvas(client, "/")))
        access = unseal(CanvasGrant.objects.get().access_token)
        client.post("/signin/", {"session_id": "demo-teacher-2"})
        jwt = requests.get(f"{canvas.url}/api/lti/accounts/self/jwt_token", params={"tool_launch_url": "x"},
                           headers={"Authorization": f"Bearer {access}"}, timeout=5)
        assert jwt.status_code == 401
