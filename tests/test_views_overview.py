"""The overview: three counts fetched at once, recent updates, a failing section alone."""
from __future__ import annotations

import re
import threading

import pytest

from lor_dashboard.lor import LORUnavailable
from lor_dashboard.lor.client import LORClient

from .conftest import body
from .helpers import elements, favorite_ids, imports_count, updates, updates_count


def big_figures(html: str) -> list[str]:
    """The figures of the count cards, in order."""
    return [p.text for p in elements(html, "p", cls="big") if p.inside("li", "count-card")]


def held(sandbox) -> list[str]:
    """What the sandbox holds: favorites, imports, updates."""
    return [str(n) for n in (len(favorite_ids(sandbox)), imports_count(sandbox), updates_count(sandbox))]


@pytest.mark.django_db
class OverviewTests:
    def test_counts_favorites_imports_and_updates(self, teacher, sandbox):
        html = body(teacher.get("/"))
        assert big_figures(html) == held(sandbox)

    def test_the_five_most_recent_updates_link_to_their_pages(self, teacher, sandbox):
        html = body(teacher.get("/"))
        assert len(re.findall(r'href="/updates/[^"/]+/"', html)) == 5

    def test_one_failing_section_does_not_break_the_others(self, teacher, sandbox, monkeypatch):
        def broken(self, creds, cursor=None):
            raise LORUnavailable("down")

        monkeypatch.setattr(LORClient, "list_imports", broken)
        response = teacher.get("/")
        html = body(response)
        assert response.status_code == 200
        assert "Imports could not be loaded" in html
        assert big_figures(html) == [held(sandbox)[0], held(sandbox)[2]]

    def test_the_three_calls_are_in_flight_at_once(self, teacher, sandbox, monkeypatch):
        barrier = threading.Barrier(3, timeout=5)
        for name in ("count_favorites", "list_imports", "list_updates"):
            real = getattr(LORClient, name)

            def waiting(self, *args, _real=real, **kwargs):
                barrier.wait()  # only passes when all three calls are in flight at once
                return _real(self, *args, **kwargs)

            monkeypatch.setattr(LORClient, name, waiting)
        assert big_figures(body(teacher.get("/"))) == held(sandbox)


@pytest.mark.django_db
class NextStepTests:
    def test_pending_updates_come_first(self, teacher, sandbox):
        n = len(updates(sandbox))
        (step,) = [a for a in elements(body(teacher.get("/")), "a") if a.inside("p", "next-step")]
        assert (step.attrs["href"], step.text) == ("/updates/", f"Review {n} updates to resources you imported")

    def test_the_sign_in_page_says_what_the_dashboard_is_for(self, client, sandbox):
        assert "import them into your courses" in body(client.get("/signin/"))
