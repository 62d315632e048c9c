"""Odd digits and odd cursors never answer 500."""
from __future__ import annotations

import pytest

from .conftest import HTMX

ODD_DIGITS = ["²", "١٢", "１２", "9" * 400, "-1", "+1", " 1", "1e3", "0x10"]


@pytest.mark.django_db
class OddStartTests:
    @pytest.mark.parametrize("start", ODD_DIGITS)
    def test_favorites_start(self, teacher, start):
        assert teacher.get("/favorites/", {"start": start}).status_code == 200

    @pytest.mark.parametrize("start", ODD_DIGITS)
    def test_favorites_start_as_htmx(self, teacher, start):
        assert teacher.get("/favorites/", {"start": start}, headers=HTMX).status_code == 200

    def test_a_removal_whose_next_holds_one(self, teacher, sandbox):
        from .helpers import favorite_ids

        response = teacher.post(f"/favorites/{favorite_ids(sandbox)[0]}/remove/", {"next": "/favorites/?start=²"}, headers=HTMX)
        assert response.status_code == 200


@pytest.mark.django_db
class UserCursorTests:
    def test_a_cursor_with_a_short_query(self, signed_in):
        admin = signed_in("demo-admin")
        assert admin.get("/users/", {"q": "a", "cursor": "abc"}, headers=HTMX).status_code == 200

    def test_a_cursor_when_commons_refuses(self, teacher):
        assert teacher.get("/users/", {"q": "han", "cursor": "abc"}, headers=HTMX).status_code == 200
