"""The embedded default under concurrency: two server workers on one SQLite file, one teacher's
eight requests all renewing the Commons session at once. Within a process a lock makes them take
turns; across processes only the database can, and it must make the second wait (busy timeout,
IMMEDIATE transactions) rather than refuse it ("database is locked")."""
from __future__ import annotations

import threading
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.db import connection

from lor_dashboard.accounts import renewal
from lor_dashboard.core.models import Kept
from lor_dashboard.sandbox.seed import CANVAS_CLIENT_ID, CANVAS_CLIENT_SECRET

from .helpers import approve_in_canvas, expire, sessions_made
from .servers import Dashboard

ROUNDS, AT_ONCE = 20, 8


@pytest.fixture
def on_sqlite(sandbox, tmp_path):
    dashboard = Dashboard(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", LOR_BASE_URL=sandbox.url,
                          CANVAS_BASE_URL=sandbox.url, CANVAS_CLIENT_ID=CANVAS_CLIENT_ID,
                          CANVAS_CLIENT_SECRET=CANVAS_CLIENT_SECRET, WEB_CONCURRENCY="2")
    yield dashboard
    dashboard.stop()


def signed_in_with_canvas(dashboard, sandbox) -> dict:
    browser = requests.Session()
    start = browser.get(f"{dashboard.url}/signin/canvas/?next=/", allow_redirects=False, timeout=10)
    params = {k: v[0] for k, v in parse_qs(urlsplit(start.headers["Location"]).query).items()}
    back = browser.get(dashboard.url + approve_in_canvas(sandbox, params), allow_redirects=False, timeout=10)
    assert back.status_code == 302, back.text[:300]
    return browser.cookies.get_dict()


def renewing_at_once(url: str, cookies: dict) -> list[int]:
    statuses, start = [], threading.Barrier(AT_ONCE)

    def load():
        start.wait()
        statuses.append(requests.get(f"{url}/favorites/", cookies=cookies, allow_redirects=False, timeout=30).status_code)

    threads = [threading.Thread(target=load) for _ in range(AT_ONCE)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return statuses


class ConcurrentRenewalTests:
    @pytest.fixture
    def rounds(self, on_sqlite, sandbox):
        cookies, statuses, renewals = signed_in_with_canvas(on_sqlite, sandbox), [], []
        for _ in range(ROUNDS):
            expire(sandbox, "commons")
            made = sessions_made(sandbox)
            statuses += renewing_at_once(on_sqlite.url, cookies)
            renewals.append(sessions_made(sandbox) - made)
        return statuses, renewals

    def test_no_request_fails(self, rounds):
        assert rounds[0] == [200] * ROUNDS * AT_ONCE

    def test_one_new_commons_session_a_round(self, rounds):
        assert rounds[1] == [1] * ROUNDS


@pytest.mark.django_db(transaction=True)
class RenewalHoldsNoLockTests:
    def test_others_can_write_while_a_renewal_waits_for_canvas(self, oauth_user, canvas, monkeypatch):  # noqa: F811
        """On SQLite a transaction held across the Canvas calls would lock every writer out."""
        real, wrote = renewal._new_commons_session, []

        def while_canvas_answers(grant):
            def write():
                Kept.objects.create(owner="someone-else", kind="probe", key="k", value=1)
                connection.close()

            writer = threading.Thread(target=write)
            writer.start()
            writer.join(10)  # blocked behind a held write lock, it would wait the 20 s busy timeout
            wrote.append(not writer.is_alive())
            return real(grant)

        monkeypatch.setattr(renewal, "_new_commons_session", while_canvas_answers)
        expire(canvas, "commons")
        oauth_user.get("/favorites/")
        assert wrote == [True]
