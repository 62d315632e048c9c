"""Canvas profiles: redirect, none, unknown, and author links on cards."""
from __future__ import annotations

import re

import pytest

from .conftest import body
from .helpers import elements


@pytest.mark.django_db
class ProfileTests:
    def test_redirects_to_canvas_profile(self, teacher, sandbox):
        response = teacher.get("/users/u-005/profile/")
        assert response["Location"] == f"{sandbox.url}/canvas/users/5005"

    def test_no_profile_says_so(self, teacher, sandbox):
        response = teacher.get("/users/u-064/profile/")
        assert "no Canvas profile" in body(response)

    def test_unknown_user_says_so(self, teacher, sandbox):
        response = teacher.get("/users/nobody/profile/")
        assert "Commons does not know this person" in body(response)

    def test_unknown_user_is_a_404(self, teacher, sandbox):
        assert teacher.get("/users/nobody/profile/").status_code == 404

    def test_author_names_link_to_profiles(self, teacher, sandbox):
        links = elements(body(teacher.get("/favorites/")), "a", href=True)
        assert [a for a in links if re.fullmatch(r"/users/u-\d+/profile/", a.attrs["href"]) and a.inside("article", "card")]
