"""Imports: cursor pages, load-more fragment, stars, fallback to the deprecated endpoint."""
from __future__ import annotations

import re

import pytest

from .conftest import HTMX, body


def card_titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="card-title"><a [^>]*>([^<]*)</a>', html)


def next_cursor(html: str) -> str | None:
    found = re.search(r'href="\?cursor=([^"]+)"', html)
    return found.group(1) if found else None


@pytest.mark.django_db
class ImportListTests:
    def test_first_page_with_load_more_link(self, teacher, sandbox):
        html = body(teacher.get("/imports/"))
        assert "<html" in html and len(card_titles(html)) == 10 and "30 in all" in html
        assert next_cursor(html) and ">Load more</a>" in html

    def test_load_more_walks_every_import_once(self, teacher, sandbox):
        html = body(teacher.get("/imports/"))
        seen = card_titles(html)
        while cursor := next_cursor(html):
            html = body(teacher.get(f"/imports/?cursor={cursor}", headers=HTMX))
            assert re.match(r"\s*<li", html)
            seen += card_titles(html)
        assert len(seen) == 30

    def test_without_javascript_the_cursor_link_is_a_full_page(self, teacher, sandbox):
        cursor = next_cursor(body(teacher.get("/imports/")))
        assert "<html" in body(teacher.get(f"/imports/?cursor={cursor}"))

    def test_stars_show_which_are_favorites(self, teacher, sandbox):
        html = body(teacher.get("/imports/"))
        assert 'aria-pressed="false"' in html
        assert html.count('class="star"') == 10

    def test_bad_cursor_is_a_clear_400(self, teacher, sandbox):
        response = teacher.get("/imports/?cursor=%25%25%25")
        assert response.status_code == 400 and "Commons refused the request" in body(response)

    def test_falls_back_to_deprecated_endpoint(self, teacher, sandbox, monkeypatch):
        from lor_dashboard.lor.client import LORClient

        real = LORClient._get_json

        def without_only_imported(self, route, *args, **kwargs):
            if route == "/api/resources":
                from lor_dashboard.lor import LORBadRequest
                raise LORBadRequest("unknown parameter onlyImported")
            return real(self, route, *args, **kwargs)

        monkeypatch.setattr(LORClient, "_get_json", without_only_imported)
        assert len(card_titles(body(teacher.get("/imports/")))) == 10


@pytest.mark.django_db
class OverviewTests:
    def test_counts_and_recent_updates(self, teacher, sandbox):
        html = body(teacher.get("/"))
        assert re.findall(r'<p class="big">(\d+)</p>', html) == ["9", "30", "15"]
        assert len(re.findall(r'href="/updates/[^"/]+/"', html)) == 5

    def test_one_failing_section_does_not_break_the_others(self, teacher, sandbox, monkeypatch):
        from lor_dashboard.lor import LORUnavailable
        from lor_dashboard.lor.client import LORClient

        def broken(self, creds, cursor=None):
            raise LORUnavailable("down")

        monkeypatch.setattr(LORClient, "list_imports", broken)
        response = teacher.get("/")
        html = body(response)
        assert response.status_code == 200
        assert "Imports could not be loaded" in html and re.findall(r'<p class="big">(\d+)</p>', html) == ["9", "15"]

    def test_calls_run_in_parallel(self, teacher, sandbox, monkeypatch):
        import threading

        from lor_dashboard.lor.client import LORClient

        barrier = threading.Barrier(3, timeout=5)
        for name in ("count_favorites", "list_imports", "list_updates"):
            real = getattr(LORClient, name)

            def waiting(self, *args, _real=real, **kwargs):
                barrier.wait()  # only passes when all three calls are in flight at once
                return _real(self, *args, **kwargs)

            monkeypatch.setattr(LORClient, name, waiting)
        assert re.findall(r'<p class="big">(\d+)</p>', body(teacher.get("/"))) == ["9", "30", "15"]


@pytest.mark.django_db
class ProfileTests:
    def test_redirects_to_canvas_profile(self, teacher, sandbox):
        response = teacher.get("/users/u-005/profile/")
        assert response.status_code == 302 and response["Location"] == f"{sandbox.url}/canvas/users/5005"

    def test_no_profile_says_so(self, teacher, sandbox):
        response = teacher.get("/users/u-064/profile/")
        assert response.status_code == 200 and "no Canvas profile" in body(response)

    def test_unknown_user_says_so(self, teacher, sandbox):
        response = teacher.get("/users/nobody/profile/")
        assert response.status_code == 404 and "Commons does not know this person" in body(response)

    def test_author_names_link_to_profiles(self, teacher, sandbox):
        assert re.search(r'by <a href="/users/u-\d+/profile/">', body(teacher.get("/favorites/")))
