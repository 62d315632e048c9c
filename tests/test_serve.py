"""The server as `make serve` starts it (lor_dashboard/serve.py, granian): slow clients cannot
starve it, SIGTERM lets in-flight requests finish, proxy headers are believed only from
FORWARDED_ALLOW_IPS, and a dead worker's live gauges are dropped."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest
import requests

from lor_dashboard import serve

from .servers import Dashboard, wait_for
from .stub_server import StubServer, send_json

SLOW_CONNECTIONS = 64


def workers_of(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


@pytest.fixture
def served(sandbox_server, tmp_path):
    """One worker with 4 threads: far fewer threads than the slow connections below."""
    dashboard = Dashboard(LOR_BASE_URL=sandbox_server.url, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    yield dashboard
    dashboard.stop()


def trickle(port: int, stop: threading.Event, holding: threading.Event) -> None:
    """A client that sends a request line, then a header line every half second, and never ends it.
    ``holding`` is set once it has sent a header line after the Host line (or was cut off)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            while not stop.wait(0.5):
                sock.sendall(b"X-Slow: 1\r\n")
                holding.set()
    except OSError:
        pass  # the server may close a connection that takes too long: its right
    finally:
        holding.set()


@pytest.fixture
def slow_clients(served):
    stop, holding = threading.Event(), [threading.Event() for _ in range(SLOW_CONNECTIONS)]
    clients = [threading.Thread(target=trickle, args=(served.port, stop, held), daemon=True) for held in holding]
    for client in clients:
        client.start()
    # The premise: every connection is open and part-way through its headers.
    assert all(held.wait(timeout=10) for held in holding)
    yield served
    stop.set()
    for client in clients:
        client.join(timeout=5)


class SlowClientTests:
    def test_the_liveness_probe_answers_while_64_clients_trickle_headers(self, slow_clients):
        assert requests.get(f"{slow_clients.url}/healthz", timeout=3).status_code == 200

    def test_a_signed_in_page_answers_while_64_clients_trickle_headers(self, slow_clients):
        browser = slow_clients.sign_in()
        assert browser.get(f"{slow_clients.url}/favorites/", timeout=3).status_code == 200

    def test_a_client_that_never_finishes_its_headers_is_cut_off(self, sandbox_server, tmp_path):
        dashboard = Dashboard(LOR_BASE_URL=sandbox_server.url, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
                              WEB_HEADER_TIMEOUT="1")
        try:
            with socket.create_connection(("127.0.0.1", dashboard.port), timeout=5) as sock:
                sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                deadline, closed = time.monotonic() + 5, False
                while not closed and time.monotonic() < deadline:
                    try:
                        sock.sendall(b"X-Slow: 1\r\n")
                        sock.settimeout(0.3)
                        closed = sock.recv(4096) == b""  # the server's 408, if any, then the close
                    except TimeoutError:
                        continue
                    except OSError:
                        closed = True
            assert closed
        finally:
            dashboard.stop()


class HeldCommons:
    """Commons whose favorites calls wait, once ``hold()`` is called, until ``let_go()``."""

    def __init__(self):
        self.go, self.holding = threading.Event(), threading.Event()
        self.go.set()
        self.server = StubServer(self.answer)
        self.url = self.server.url

    def hold(self) -> None:
        self.go.clear()

    def let_go(self) -> None:
        self.go.set()

    def answer(self, handler):
        if "/favorites" in handler.path and not self.go.is_set():
            self.holding.set()
            self.go.wait(timeout=15)
        if handler.path.startswith("/api/sessions/"):
            send_json(handler, 200, {"userId": "u1", "userFullName": "Ada Teacher", "accountName": "School"})
        else:
            send_json(handler, 200, {"items": [], "meta": {"count": 0}})


def stops_accepting(port: int, seconds: float = 5) -> bool:
    """Whether the server closes its listening socket within ``seconds``: it has begun to shut down."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        except OSError:
            return True
        time.sleep(0.02)
    return False


class GracefulShutdownTests:
    def test_sigterm_lets_a_request_waiting_on_commons_finish(self, tmp_path):
        commons = HeldCommons()
        dashboard = Dashboard(LOR_BASE_URL=commons.url, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
        try:
            browser = dashboard.sign_in("sess-1")
            commons.hold()
            outcome = {}
            caller = threading.Thread(target=lambda: outcome.update(
                status=browser.get(f"{dashboard.url}/favorites/", timeout=15).status_code))
            caller.start()
            assert commons.holding.wait(timeout=5)  # the page is waiting on Commons
            dashboard.proc.send_signal(signal.SIGTERM)
            assert stops_accepting(dashboard.port)  # shutting down while the request is in flight
            commons.let_go()
            caller.join(timeout=15)
            assert outcome.get("status") == 200
        finally:
            commons.let_go()
            dashboard.stop()
            commons.server.stop()

    def test_sigterm_stops_the_server(self, tmp_path):
        dashboard = Dashboard(LOR_BASE_URL="http://127.0.0.1:9", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
        dashboard.proc.send_signal(signal.SIGTERM)
        assert dashboard.proc.wait(timeout=15) == 0


@pytest.fixture
def proxied(sandbox_server, tmp_path):
    def start(**env):
        dashboards.append(Dashboard(LOR_BASE_URL=sandbox_server.url, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", **env))
        return dashboards[-1]
    dashboards: list[Dashboard] = []
    yield start
    for dashboard in dashboards:
        dashboard.stop()


class ForwardedHeaderTests:
    """/metrics answers loopback only: it shows which address the dashboard believes it talks to."""

    def test_a_trusted_proxy_passes_on_the_client_address(self, proxied):
        dashboard = proxied(FORWARDED_ALLOW_IPS="127.0.0.1")
        response = requests.get(f"{dashboard.url}/metrics", headers={"X-Forwarded-For": "203.0.113.9"}, timeout=5)
        assert response.status_code == 404

    def test_anyone_else_cannot_claim_an_address(self, proxied):
        dashboard = proxied(FORWARDED_ALLOW_IPS="10.9.9.9")
        response = requests.get(f"{dashboard.url}/metrics", headers={"X-Forwarded-For": "203.0.113.9"}, timeout=5)
        assert response.status_code == 200


class DeadWorkerTests:
    @pytest.fixture
    def dead_pid(self):
        gone = subprocess.Popen(["true"])
        gone.wait()
        return gone.pid

    def test_a_dead_workers_live_gauges_are_dropped(self, tmp_path, dead_pid):
        (tmp_path / f"gauge_liveall_{dead_pid}.db").write_bytes(b"")
        serve.forget_dead_workers(str(tmp_path))
        assert not (tmp_path / f"gauge_liveall_{dead_pid}.db").exists()

    def test_a_dead_workers_counts_stay(self, tmp_path, dead_pid):
        (tmp_path / f"counter_{dead_pid}.db").write_bytes(b"")
        serve.forget_dead_workers(str(tmp_path))
        assert (tmp_path / f"counter_{dead_pid}.db").exists()

    def test_a_killed_worker_is_replaced_and_its_gauges_dropped(self, sandbox_server, tmp_path):
        metrics = tmp_path / "metrics"
        metrics.mkdir()
        dashboard = Dashboard(LOR_BASE_URL=sandbox_server.url, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
                              PROMETHEUS_MULTIPROC_DIR=str(metrics))
        try:
            requests.get(f"{dashboard.url}/signin/", timeout=5)  # the worker writes its samples
            (worker,) = workers_of(dashboard.proc.pid)
            assert (metrics / f"gauge_liveall_{worker}.db").exists()  # the premise: a live gauge to drop
            os.kill(worker, signal.SIGKILL)
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline and not [w for w in workers_of(dashboard.proc.pid) if w != worker]:
                time.sleep(0.2)
            wait_for(f"{dashboard.url}/healthz", dashboard.proc)
            assert not (metrics / f"gauge_liveall_{worker}.db").exists()
        finally:
            dashboard.stop()

    def test_a_live_workers_gauges_stay(self, tmp_path):
        alive = subprocess.Popen(["sleep", "5"])
        try:
            (tmp_path / f"gauge_liveall_{alive.pid}.db").write_bytes(b"")
            serve.forget_dead_workers(str(tmp_path))
            assert (tmp_path / f"gauge_liveall_{alive.pid}.db").exists()
        finally:
            alive.kill()
            alive.wait()
