"""`make run`'s launcher: starts the sandbox and the dashboard, stops both on SIGTERM."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.request

import pytest

from .servers import ROOT, free_port


def _port_open(port: int) -> bool:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).close()
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False
    return True


class LauncherTests:
    @pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
    def test_prints_url_and_demo_ids_then_stops_both(self, tmp_path, stop_signal):
        port, sandbox_port = free_port(), free_port()
        env = dict(os.environ, PORT=str(port), SANDBOX_PORT=str(sandbox_port), WEB_CONCURRENCY="1",
                   SANDBOX_DB=str(tmp_path / "fresh" / "sandbox.sqlite3"),
                   DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
        env.pop("LOR_BASE_URL", None)
        proc = subprocess.Popen([sys.executable, "-m", "lor_dashboard.run"], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        lines = []
        try:
            for line in proc.stdout:
                lines.append(line)
                if "Press Ctrl-C" in line:
                    break
            output = "".join(lines)
            assert f"http://127.0.0.1:{port}/" in output
            assert "demo-teacher, demo-teacher-2, demo-admin" in output
            assert _port_open(port)
            assert _port_open(sandbox_port)
            signin = urllib.request.urlopen(f"http://127.0.0.1:{port}/signin/", timeout=5).read().decode()
            assert "Sign in with Canvas" in signin  # the demo's Canvas is the sandbox
            proc.send_signal(stop_signal)
            assert proc.wait(timeout=20) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
        assert not _port_open(port)
        assert not _port_open(sandbox_port)

    def test_given_upstream_starts_no_sandbox_and_offers_no_demo_ids(self, tmp_path, sandbox_server):
        port = free_port()
        env = dict(os.environ, PORT=str(port), LOR_BASE_URL=sandbox_server.url, WEB_CONCURRENCY="1", CANVAS_CLIENT_ID="",
                   LOR_DEMO_SESSIONS="demo-teacher", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
        proc = subprocess.Popen([sys.executable, "-m", "lor_dashboard.run"], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            lines = []
            for line in proc.stdout:
                lines.append(line)
                if "Press Ctrl-C" in line:
                    break
            assert f"Upstream: {sandbox_server.url}" in "".join(lines)
            assert "Demo session ids" not in "".join(lines)
            page = urllib.request.urlopen(f"http://127.0.0.1:{port}/signin/", timeout=5).read().decode()
            assert "Sign in as" not in page
            proc.terminate()
            assert proc.wait(timeout=20) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
