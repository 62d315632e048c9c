"""Isolation under load: 16 users at once against the server as `make serve` runs it (2 workers, threads), 2,000 requests,
0 errors and 0 responses carrying another user's data."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from .servers import ROOT, SERVE, free_port, wait_for
from .stub_server import StubServer, send_json

USERS = 16
REQUESTS_EACH = 125  # 2,000 in all
PAGES = ["/", "/favorites/", "/imports/", "/updates/", "/favorites/?q=marker"]
MARKER = re.compile(r"marker-s\d+")


def marker_answer(handler) -> None:
    """Every answer names the session it was asked for."""
    sid = handler.headers.get("X-Session-ID", "")
    path = handler.path.split("?")[0]
    resource = {"id": f"r-{sid}", "title": f"marker-{sid}", "authors": [{"id": f"a-{sid}", "name": f"marker-{sid}"}]}
    if path.startswith("/api/sessions/") and not path.endswith("logout"):
        payload = {"userId": f"user-{sid}", "userFullName": f"Name marker-{sid}", "accountName": "Load test"}
    elif path.endswith("/updates"):
        payload = {"items": [{"resource": resource, "versionNotes": f"marker-{sid}", "courses": []}], "meta": {"count": 1}}
    else:
        payload = {"items": [resource], "meta": {"count": 1}}
    send_json(handler, 200, payload)


@pytest.fixture
def dashboard(tmp_path):
    upstream = StubServer(marker_answer)
    port = free_port()
    env = {**os.environ, "LOR_BASE_URL": upstream.url, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
           "LOG_LEVEL": "WARNING"}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    server = subprocess.Popen(SERVE, cwd=ROOT, env={**env, "HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": "2"})
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz", server)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=15)
        upstream.stop()


def one_user(base: str, n: int) -> list[str]:
    """Sign in as user n, then load pages; return every problem seen."""
    sid, problems = f"s{n}", []
    http = requests.Session()
    form = http.get(f"{base}/signin/", timeout=10).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    signed = http.post(f"{base}/signin/", data={"session_id": sid, "csrfmiddlewaretoken": token},
                       headers={"Referer": f"{base}/signin/"}, timeout=10)
    if f"marker-{sid}" not in signed.text:
        return [f"{sid}: sign-in failed ({signed.status_code})"]
    for i in range(REQUESTS_EACH - 2):
        response = http.get(base + PAGES[i % len(PAGES)], timeout=15)
        seen = set(MARKER.findall(response.text))
        if response.status_code != 200:
            problems.append(f"{sid}: {response.status_code} on {response.url}")
        elif seen != {f"marker-{sid}"}:
            problems.append(f"{sid}: saw {sorted(seen)} on {response.url}")
    return problems


class IsolationUnderLoadTests:
    def test_sixteen_users_at_once_see_only_their_own_data(self, dashboard):
        with ThreadPoolExecutor(max_workers=USERS) as pool:
            problems = [p for result in pool.map(lambda n: one_user(dashboard, n), range(USERS)) for p in result]
        assert problems == []
