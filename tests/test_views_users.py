"""User search: short queries make no call, paging, 403 message, CSV across pages and the cap."""
from __future__ import annotations

import csv
import io
import re

import pytest
import requests

from lor_dashboard.lor import Page, UserHit
from lor_dashboard.lor.client import LORClient

from .conftest import HTMX, body
from .helpers import element, elements, users_matching


@pytest.fixture
def admin(signed_in):
    return signed_in("demo-admin")


def rows(html: str) -> list[list[str]]:
    """The results table's rows (not its heading, not Load more): each cell's text."""
    tds = elements(html, "td")
    return [[td.text for td in tds if td.within(tr)] for tr in elements(html, "tr", role="row") if not tr.inside("thead")]


def names(html: str) -> list[str]:
    return [row[0] for row in rows(html)]


@pytest.mark.django_db
class UserSearchTests:
    def test_short_query_gives_a_hint_and_makes_no_call(self, admin, sandbox, monkeypatch):
        calls = []
        monkeypatch.setattr(LORClient, "_request", lambda *a, **k: calls.append(a))
        for q in ("", "ab", "  x "):
            assert "Type at least 3 characters" in body(admin.get(f"/users/?q={q}"))
        assert calls == []

    def test_results_count_mailto_profile_and_load_more(self, admin, sandbox):
        html = body(admin.get("/users/?q=example"))
        first_page = requests.get(f"{sandbox.url}/api/users?q=example", headers={"X-Session-ID": "demo-admin"}, timeout=5)
        assert f"{users_matching(sandbox, 'example')} users match" in html
        assert len(names(html)) == len(first_page.json()["items"])
        assert [a for a in elements(html, "a", href=True) if a.attrs["href"].startswith("mailto:")]
        assert [a for a in elements(html, "a", href=True) if re.fullmatch(r"/users/u-[\w-]+/profile/", a.attrs["href"])]
        assert element(html, "label", **{"for": "id_q"}).text == "Search users"
        assert element(html, "input", id="id_q").attrs["value"] == "example"
        seen = names(html)
        while more := elements(html, "a", hx_get=True):
            html = body(admin.get("/users/" + more[-1].attrs["href"], headers=HTMX))
            assert elements(html)[0].tag == "tr"  # rows first: a <title> before them would unseat them
            seen += names(html)
        assert len(seen) == len(set(seen))
        assert len(seen) == users_matching(sandbox, "example")

    def test_typing_gets_the_results_fragment(self, admin, sandbox):
        html = body(admin.get("/users/?q=hannah", headers=HTMX))
        title, results = elements(html)[:2]  # the title first, for htmx to set, then the results
        assert (title.tag, results.attrs.get("id")) == ("title", "user-results")

    def test_the_fragments_title_names_the_query(self, admin, sandbox):
        assert element(body(admin.get("/users/?q=hannah", headers=HTMX)), "title").text == "Users: hannah · LOR Dashboard"

    def test_typing_finds_only_matching_names(self, admin, sandbox):
        html = body(admin.get("/users/?q=hannah", headers=HTMX))
        assert all("Hannah" in n for n in names(html))

    def test_history_restore_gets_the_whole_page(self, admin, sandbox):
        html = body(admin.get("/users/?q=hannah", headers={**HTMX, "HX-History-Restore-Request": "true"}))
        assert "<html" in html
        assert element(html, "input", id="id_q").attrs["value"] == "hannah"
        assert names(html)

    def test_nothing_matches(self, admin, sandbox):
        assert "No users match “zzzq”" in body(admin.get("/users/?q=zzzq"))

    def test_teacher_gets_the_clear_403_message(self, teacher, sandbox):
        response = teacher.get("/users/?q=hannah")
        assert response.status_code == 200
        assert "User search is for Commons admins and group managers." in body(response)
        assert elements(body(response), "a", href="/users/") == []  # not in the nav for a non-admin

    def test_teacher_csv_gets_the_message_too(self, teacher, sandbox):
        assert "User search is for Commons admins" in body(teacher.get("/users/users.csv?q=hannah"))


@pytest.mark.django_db
class UserCsvTests:
    def test_csv_walks_every_page(self, admin, sandbox):
        response = admin.get("/users/users.csv?q=example")
        assert response.streaming
        assert 'filename="users.csv"' in response["Content-Disposition"]
        lines = list(csv.reader(io.StringIO(body(response))))
        assert lines[0] == ["name", "email", "account id", "user id"]
        assert len(lines) == 1 + users_matching(sandbox, "example")
        assert len({r[3] for r in lines[1:]}) == users_matching(sandbox, "example")

    def test_csv_cap_says_so(self, admin, sandbox, monkeypatch):
        def endless(self, creds, q, cursor=None):
            n = int(cursor or 0)
            return Page(items=(UserHit(uuid=f"u{n}", full_name=f"=cmd{n}"),), next_cursor=str(n + 1), count=None)

        monkeypatch.setattr(LORClient, "search_users", endless)
        rows = list(csv.reader(io.StringIO(body(admin.get("/users/users.csv?q=example")))))
        assert len(rows) == 1 + 100 + 1
        assert rows[-1][0].startswith("# Stopped after 100 pages")
        assert rows[1][0] == "'=cmd0"  # formulas are defused

    def test_short_query_csv_goes_back_to_search(self, admin, sandbox):
        assert admin.get("/users/users.csv?q=ab")["Location"] == "/users/?q=ab"


@pytest.mark.django_db
class AccountNameTests:
    def test_the_admins_own_account_is_named(self, admin, sandbox):
        session = requests.get(f"{sandbox.url}/api/sessions/demo-admin", headers={"X-Session-ID": "demo-admin"}, timeout=5).json()
        accounts = [row[2] for row in rows(body(admin.get("/users/?q=example")))]
        assert set(accounts) == {session["accountName"]}
