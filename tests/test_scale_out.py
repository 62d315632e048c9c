"""Two stateless dashboard instances share sessions through PostgreSQL: sign in on one,
keep working on the other, sign out on the second and the first sees it; and each worker's
connection pool bounds what the database sees, however many threads wait on Commons."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
import requests

from .conftest import required_tool
from .helpers import element, favorite_ids
from .servers import ROOT, SERVE, Dashboard, free_port, wait_for
from .stub_server import StubServer, send_json


@pytest.fixture
def two_instances(postgres, sandbox_server):
    env = {**os.environ, "DATABASE_URL": postgres.url, "LOR_BASE_URL": sandbox_server.url, "HOST": "127.0.0.1",
           "WEB_CONCURRENCY": "1", "WEB_THREADS": "4", "LOG_LEVEL": "WARNING"}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    servers, urls = [], []
    try:
        for _ in range(2):
            port = free_port()
            server = subprocess.Popen(SERVE, cwd=ROOT, env={**env, "PORT": str(port)})
            servers.append(server)
            urls.append(f"http://127.0.0.1:{port}")
            wait_for(f"{urls[-1]}/healthz", server)
        yield urls
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=15)


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


class ScaleOutTests:
    def test_sign_in_on_one_work_on_the_other_sign_out_on_the_second(self, two_instances, sandbox_server):
        first, second = two_instances
        browser = requests.Session()
        form = browser.get(f"{first}/signin/", timeout=10).text
        signed = browser.post(f"{first}/signin/", data={"session_id": "demo-teacher", "csrfmiddlewaretoken": csrf_token(form)},
                              headers={"Referer": f"{first}/signin/"}, timeout=10)
        assert "María Hernández" in signed.text
        # Cookies are per host name, not per port: the same browser talks to both instances.
        on_second = browser.get(f"{second}/favorites/", timeout=10)
        assert on_second.url == f"{second}/favorites/"
        assert element(on_second.text, id="favorites-count").text == f"{len(favorite_ids(sandbox_server))} favorites."
        old_cookie = browser.cookies.get("sessionid")
        out = browser.post(f"{second}/signout/", data={"csrfmiddlewaretoken": csrf_token(on_second.text)},
                           headers={"Referer": f"{second}/favorites/"}, timeout=10)
        assert out.url == f"{second}/signin/"
        back_on_first = browser.get(f"{first}/favorites/", timeout=10, allow_redirects=False)
        assert back_on_first.status_code == 302
        assert back_on_first.headers["Location"].startswith("/signin/")
        # Even the old cookie is dead everywhere: the session is gone from the shared store.
        stale = requests.get(f"{first}/favorites/", cookies={"sessionid": old_cookie}, timeout=10, allow_redirects=False)
        assert stale.status_code == 302


def slow_commons(handler):
    """Every favorites page waits a second on Commons: 8 at once would hold 2 connections for 4 s."""
    if "/favorites" in handler.path:
        time.sleep(1)
    if handler.path.startswith("/api/sessions/"):
        send_json(handler, 200, {"userId": "u1", "userFullName": "Ada Teacher", "accountName": "School"})
    else:
        send_json(handler, 200, {"items": [], "meta": {"count": 0}})


def connections_to(url: str) -> int:
    with psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        return conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                            "AND pid <> pg_backend_pid() AND backend_type = 'client backend'").fetchone()[0]


@pytest.fixture(scope="module")
def sixteen_at_once():
    """Two instances, one worker of 8 threads each, 2 pooled database connections a worker; 8
    teachers on each load their favorites at once. (The page statuses, the most connections seen.)"""
    from .postgres import TempPostgres, pg_bin

    required_tool(pg_bin() is not None, "PostgreSQL is not installed: apt-get install -y postgresql (.ci/run does this)")
    postgres, upstream = TempPostgres(), StubServer(slow_commons)
    dashboards = []
    try:
        dashboards += [Dashboard(DATABASE_URL=postgres.url, LOR_BASE_URL=upstream.url, WEB_THREADS="8",
                                 DATABASE_POOL_SIZE="2") for _ in range(2)]
        browsers = [(d, d.sign_in(f"sess-{n}")) for n in range(8) for d in dashboards]
        peak, done = [0], threading.Event()

        def watch():
            while not done.is_set():
                peak[0] = max(peak[0], connections_to(postgres.url))
                time.sleep(0.05)

        watcher = threading.Thread(target=watch)
        watcher.start()
        with ThreadPoolExecutor(max_workers=16) as pool:
            statuses = list(pool.map(lambda pair: pair[1].get(f"{pair[0].url}/favorites/", timeout=15).status_code, browsers))
        done.set()
        watcher.join()
        yield statuses, peak[0]
    finally:
        for dashboard in dashboards:
            dashboard.stop()
        upstream.stop()
        postgres.stop()


class DatabasePoolTests:
    """Threads wait on Commons without holding a database connection."""

    def test_every_teacher_gets_the_page(self, sixteen_at_once):
        statuses, _ = sixteen_at_once
        assert statuses == [200] * 16

    def test_the_database_sees_at_most_the_pools_connections(self, sixteen_at_once):
        _, peak = sixteen_at_once
        assert peak <= 2 * 2
