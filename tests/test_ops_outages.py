"""The dashboard surviving its own dependencies, under the shipped server (granian): PostgreSQL stopped and started again,
Redis stopped; every worker counted in /metrics (SIGTERM: test_serve.py)."""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import time

import pytest
import requests

from .conftest import required_tool
from .helpers import element, favorite_ids
from .servers import Dashboard, free_port


@pytest.fixture
def on_postgres(postgres, sandbox_server):
    dashboard = Dashboard(DATABASE_URL=postgres.url, LOR_BASE_URL=sandbox_server.url)
    yield dashboard, postgres
    dashboard.stop()


class PostgresOutageTests:
    def test_pages_say_temporarily_unavailable_then_recover_without_a_restart(self, on_postgres, sandbox_server):
        dashboard, postgres = on_postgres
        browser = dashboard.sign_in()
        assert browser.get(f"{dashboard.url}/favorites/", timeout=10).status_code == 200
        postgres.pause()
        down = browser.get(f"{dashboard.url}/favorites/", timeout=10)
        assert down.status_code == 503
        assert "Temporarily unavailable" in down.text
        assert f"Reference: <code>{down.headers['X-Request-ID']}</code>" in down.text
        assert ">Retry</a>" in down.text
        assert "Traceback" not in down.text
        ready = requests.get(f"{dashboard.url}/readyz", timeout=10)
        assert (ready.status_code, ready.json()["database"]) == (503, "down")
        assert requests.get(f"{dashboard.url}/healthz", timeout=10).status_code == 200  # alive, not ready
        postgres.resume()
        back = browser.get(f"{dashboard.url}/favorites/", timeout=10)
        assert back.status_code == 200
        assert element(back.text, id="favorites-count").text == f"{len(favorite_ids(sandbox_server))} favorites."
        assert requests.get(f"{dashboard.url}/readyz", timeout=10).status_code == 200

    def test_an_htmx_request_gets_the_message_in_the_message_area(self, on_postgres):
        dashboard, postgres = on_postgres
        browser = dashboard.sign_in()
        postgres.pause()
        try:
            response = browser.get(f"{dashboard.url}/favorites/?q=x", headers={"HX-Request": "true"}, timeout=10)
        finally:
            postgres.resume()
        assert (response.status_code, response.headers["HX-Retarget"]) == (503, "#messages")


class RedisServer:
    def __init__(self):
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="lor-redis-")
        self.proc = subprocess.Popen(["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                                      "--dir", self.dir], stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with __import__("socket").create_connection(("127.0.0.1", self.port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.05)
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def with_redis(sandbox_server, tmp_path):
    required_tool(shutil.which("redis-server") is not None,
                  "Redis is not installed: apt-get install -y redis-server (.ci/run does this)")
    redis = RedisServer()
    dashboard = Dashboard(REDIS_URL=redis.url, LOR_BASE_URL=sandbox_server.url,
                          DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    yield dashboard, redis
    dashboard.stop()
    if redis.proc.poll() is None:
        redis.stop()


class RedisOutageTests:
    def test_signed_in_users_keep_working_from_the_database(self, with_redis, sandbox_server):
        dashboard, redis = with_redis
        browser = dashboard.sign_in()
        redis.stop()
        page = browser.get(f"{dashboard.url}/favorites/", timeout=10)
        assert page.status_code == 200
        assert element(page.text, id="favorites-count").text == f"{len(favorite_ids(sandbox_server))} favorites."

    def test_readiness_says_redis_is_down(self, with_redis):
        dashboard, redis = with_redis
        assert requests.get(f"{dashboard.url}/readyz", timeout=10).json()["redis"] == "ok"
        redis.stop()
        ready = requests.get(f"{dashboard.url}/readyz", timeout=10)
        assert (ready.status_code, ready.json()["redis"]) == (503, "down")


class MultiprocessMetricsTests:
    def test_every_worker_counts(self, sandbox_server, tmp_path):
        dashboard = Dashboard(LOR_BASE_URL=sandbox_server.url, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
                              WEB_CONCURRENCY="2")
        try:
            for _ in range(20):
                requests.get(f"{dashboard.url}/signin/", timeout=10)  # a new connection each: both workers serve
            text = requests.get(f"{dashboard.url}/metrics", timeout=10).text
        finally:
            dashboard.stop()
        counted = re.search(r'dashboard_requests_total\{method="GET",status_class="2xx",view="accounts:signin"\} (\S+)', text)
        assert float(counted.group(1)) >= 20  # 20, plus the start-up check's own
