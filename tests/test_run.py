"""`make run`'s launcher: starts the sandbox and the dashboard, stops both (and everything they
started) on SIGTERM, Ctrl-C or a closed terminal."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from .servers import ROOT, free_port

SERVE = b"lor_dashboard.serve"


def _port_open(port: int) -> bool:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).close()
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False
    return True


def _processes_with(marker: str) -> list[int]:
    """Pids whose environment holds marker: every process a launch started, orphans included."""
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if marker.encode() in environ.read_bytes():
                found.append(int(environ.parent.name))
        except OSError:
            pass  # gone meanwhile, or not ours
    return found


def _command_line(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _parent(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


@dataclass
class Launch:
    proc: subprocess.Popen
    port: int
    sandbox_port: int | None
    marker: str
    output: str

    def left_behind(self) -> list[int]:
        return _processes_with(self.marker)

    def dashboard_worker(self) -> int:
        return next(pid for pid in self.left_behind()
                    if SERVE in _command_line(pid) and SERVE in _command_line(_parent(pid)))


@pytest.fixture
def launch(tmp_path):
    """Start `make run`'s launcher, read up to "Press Ctrl-C" (unless told not to wait); afterwards
    kill whatever it left."""
    markers = []

    def start(workers: str = "1", own_session: bool = False, wait: bool = True, **environ) -> Launch:
        marker = f"LOR_RUN_TEST_{uuid.uuid4().hex}"
        markers.append(marker)
        port = free_port()
        env = dict(os.environ, PORT=str(port), WEB_CONCURRENCY=workers, **{marker: "1"},
                   DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
        sandbox_port = None
        if "LOR_BASE_URL" in environ:
            env.update(environ)
        else:
            env.pop("LOR_BASE_URL", None)
            sandbox_port = free_port()
            env.update(environ, SANDBOX_PORT=str(sandbox_port), SANDBOX_DB=str(tmp_path / "fresh" / "sandbox.sqlite3"))
        proc = subprocess.Popen([sys.executable, "-m", "lor_dashboard.run"], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                start_new_session=own_session)
        lines = []
        for line in proc.stdout if wait else ():
            lines.append(line)
            if "Press Ctrl-C" in line:
                break
        return Launch(proc, port, sandbox_port, marker, "".join(lines))

    yield start
    for marker in markers:
        for pid in _processes_with(marker):
            os.kill(pid, signal.SIGKILL)


class LauncherTests:
    @pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=lambda s: s.name)
    def test_prints_url_and_demo_ids_then_stops_both(self, launch, stop_signal):
        run = launch()
        assert f"http://127.0.0.1:{run.port}/" in run.output
        assert "demo-teacher, demo-teacher-2, demo-admin" in run.output
        assert _port_open(run.port)
        assert _port_open(run.sandbox_port)
        signin = urllib.request.urlopen(f"http://127.0.0.1:{run.port}/signin/", timeout=5).read().decode()
        assert "Sign in with Canvas" in signin  # the demo's Canvas is the sandbox
        run.proc.send_signal(stop_signal)
        assert run.proc.wait(timeout=20) == 0
        assert not _port_open(run.port)
        assert not _port_open(run.sandbox_port)
        assert run.left_behind() == []

    def test_ctrl_c_in_a_terminal_leaves_no_server_behind(self, launch):
        # A terminal's Ctrl-C signals its whole foreground process group at once: the launcher and,
        # unless they are in groups of their own, every server it started and granian's workers.
        run = launch(workers="2", own_session=True)
        os.killpg(run.proc.pid, signal.SIGINT)
        assert run.proc.wait(timeout=30) == 0
        time.sleep(2)  # long enough for granian to respawn a worker the SIGINT had killed
        assert run.left_behind() == []
        assert not _port_open(run.port)

    def test_ctrl_c_while_starting_stops_cleanly(self, launch):
        run = launch(own_session=True, wait=False)
        deadline = time.monotonic() + 30
        while not any(b"migrate" in _command_line(pid) for pid in run.left_behind()):
            assert time.monotonic() < deadline, "the launcher never migrated"
            time.sleep(0.01)
        os.killpg(run.proc.pid, signal.SIGINT)  # while the dashboard's database is being migrated
        output, _ = run.proc.communicate(timeout=60)
        assert run.proc.returncode == 0, output
        assert "Traceback" not in output
        assert "Stopped." in output
        assert run.left_behind() == []

    def test_a_server_that_will_not_stop_is_killed_with_all_it_started(self, launch):
        run = launch()
        os.kill(run.dashboard_worker(), signal.SIGSTOP)  # a worker that cannot stop gracefully
        run.proc.send_signal(signal.SIGINT)
        assert run.proc.wait(timeout=60) == 0
        assert run.left_behind() == []
        assert not _port_open(run.port)

    def test_given_upstream_starts_no_sandbox_and_offers_no_demo_ids(self, launch, sandbox_server):
        run = launch(LOR_BASE_URL=sandbox_server.url, CANVAS_CLIENT_ID="", LOR_DEMO_SESSIONS="demo-teacher")
        assert f"Upstream: {sandbox_server.url}" in run.output
        assert "Demo session ids" not in run.output
        page = urllib.request.urlopen(f"http://127.0.0.1:{run.port}/signin/", timeout=5).read().decode()
        assert "Sign in as" not in page
        run.proc.terminate()
        assert run.proc.wait(timeout=20) == 0
