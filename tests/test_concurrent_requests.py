"""One browser, many requests at once (tabs, htmx swaps, a double click): what a teacher did is
not lost to another request writing the session back, and GETs that change nothing write nothing.
(Renewals at once across processes: test_sqlite_concurrency.py.)"""
from __future__ import annotations

import re

import pytest
from django.contrib.sessions.models import Session

from lor_dashboard.core.kept import OWNER_KEY
from lor_dashboard.core.models import Kept

from .conftest import HTMX, body, undo_data
from .helpers import at_once, favorite_ids, tab, updates

pytestmark = pytest.mark.django_db(transaction=True)  # the requests run in threads, each its own connection


def other_pages(sandbox) -> list[str]:
    """Pages that read the session and, before the fix, wrote it back whole."""
    rids = [u["resource"]["id"] for u in updates(sandbox)[:4]]
    return [f"/resources/{rid}/" for rid in rids] + [f"/updates/{rid}/" for rid in rids]


def undos(pages: list[str]) -> list[dict]:
    """What every Undo button on these pages posts."""
    return [undo_data(form) for page in pages for form in re.findall(r'<form class="undo".*?</form>', page, re.S)]


class RemovalBesideOtherPagesTests:
    def test_undo_restores_every_time(self, teacher, sandbox):
        cookie, pages = teacher.cookies["sessionid"].value, other_pages(sandbox)
        restored = []
        for rid in favorite_ids(sandbox)[:20] * 3:  # 20 rounds (the seed has fewer favorites: reused)
            if len(restored) == 20:
                break
            shown = at_once(
                lambda rid=rid: body(tab(cookie).post(f"/favorites/{rid}/remove/", {"next": "/favorites/"}, follow=True)),
                *[lambda page=page: body(tab(cookie).get(page)) for page in pages])
            # The message is the browser's: whichever page rendered next shows it, with its Undo.
            for undo in undos(shown):
                tab(cookie).post("/favorites/undo/", undo)
            restored.append(rid in favorite_ids(sandbox))
        assert restored == [True] * 20


class TwoTabsTests:
    @pytest.fixture(params=["no-js", "htmx"])
    def both(self, request, teacher, sandbox):
        cookie, (first, second) = teacher.cookies["sessionid"].value, favorite_ids(sandbox)[:2]
        headers = HTMX if request.param == "htmx" else {}

        def remove(rid):
            return body(tab(cookie).post(f"/favorites/{rid}/remove/", {"next": "/favorites/"}, headers=headers,
                                         follow=True))

        pages = at_once(lambda: remove(first), lambda: remove(second))
        return cookie, (first, second), pages

    def test_both_undos_work(self, both, sandbox):
        cookie, ids, pages = both
        # Without JavaScript the messages are the browser's, not the tab's: whichever page came
        # back first may show both. Every Undo shown must work, and every removal must offer one.
        for undo in undos(pages):
            tab(cookie).post("/favorites/undo/", undo)
        assert set(ids) <= set(favorite_ids(sandbox))

    def test_each_removal_offers_its_undo(self, both):
        _, _, pages = both
        assert len({undo["undo"] for undo in undos(pages)}) == 2


class QuietGetTests:
    """A GET that changes nothing writes nothing: not the session, not what the page keeps."""

    @pytest.fixture
    def update_id(self, teacher, sandbox):
        rid = updates(sandbox)[0]["resource"]["id"]
        teacher.get(f"/resources/{rid}/")  # the first visit keeps the courses it offered
        teacher.get(f"/updates/{rid}/")
        return rid

    @pytest.mark.parametrize("page", ["/resources/{}/", "/updates/{}/", "/favorites/", "/"])
    def test_the_session_is_not_written(self, teacher, update_id, page):
        before = Session.objects.values_list("session_data", "expire_date").get()
        teacher.get(page.format(update_id))
        assert Session.objects.values_list("session_data", "expire_date").get() == before

    @pytest.mark.parametrize("page", ["/resources/{}/", "/updates/{}/"])
    def test_what_the_page_keeps_is_not_rewritten(self, teacher, update_id, page):
        before = sorted(Kept.objects.values_list("pk", "updated"))
        teacher.get(page.format(update_id))
        assert sorted(Kept.objects.values_list("pk", "updated")) == before


class SessionFromBeforeOwnersTests:
    """A session signed in before sign-ins had an owner token: its first requests at once must
    agree on one, or what one of them kept is kept for nobody."""

    def test_undo_works_when_the_first_requests_come_at_once(self, teacher, sandbox):
        session = teacher.session
        del session[OWNER_KEY]
        session.save()
        cookie, rid = teacher.cookies["sessionid"].value, favorite_ids(sandbox)[0]
        shown = at_once(
            lambda: body(tab(cookie).post(f"/favorites/{rid}/remove/", {"next": "/favorites/"}, follow=True)),
            *[lambda page=page: body(tab(cookie).get(page)) for page in other_pages(sandbox)[:3]])
        for undo in undos(shown):
            tab(cookie).post("/favorites/undo/", undo)
        assert rid in favorite_ids(sandbox)
