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
        assert "<html" in html
        assert len(card_titles(html)) == 10
        assert "30 in all" in html
        assert next_cursor(html)
        assert ">Load more</a>" in html

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
        assert response.status_code == 400
        assert "Commons refused the request" in body(response)

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
