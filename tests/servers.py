"""Start the project's servers for tests: on free ports, stopped afterwards."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
SERVE = [sys.executable, "-m", "lor_dashboard.serve"]  # the server as `make serve` starts it


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen | None = None, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server for {url} exited with {proc.returncode}")
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up")


class Sandbox:
    """The sandbox API server in its own process."""

    def __init__(self, db_path: Path, page_size: int = 10):
        self.db_path = db_path
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "lor_dashboard.sandbox", "serve", "--port", str(self.port),
             "--db", str(db_path), "--reset", "--page-size", str(page_size)],
            cwd=ROOT, stdout=subprocess.DEVNULL,
        )
        wait_for(f"{self.url}/sandbox/health", self.proc)

    def reset(self) -> None:
        request = urllib.request.Request(f"{self.url}/sandbox/reset", method="POST")
        urllib.request.urlopen(request, timeout=10).close()

    def stop(self) -> None:
        stop_process(self.proc)


def stop_process(proc: subprocess.Popen, seconds: float = 15) -> None:
    """SIGTERM, and SIGKILL when it does not end in time."""
    proc.terminate()
    try:
        proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        proc.kill()


def sandbox_actions(sandbox: "Sandbox") -> list[dict]:
    """Every ignore, import, (un)favorite and new session that reached the sandbox since its last reset."""
    import json

    with urllib.request.urlopen(f"{sandbox.url}/sandbox/actions", timeout=5) as response:
        return json.load(response)["items"]


class Dashboard:
    """One instance of the dashboard, served as `make serve` serves it, with the given environment."""

    def __init__(self, **env: str):
        self.env = {**os.environ, "HOST": "127.0.0.1", "WEB_CONCURRENCY": "1", "WEB_THREADS": "4",
                    "LOG_LEVEL": "WARNING", **env}
        subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=self.env, check=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            SERVE, cwd=ROOT, env={**self.env, "PORT": str(self.port)}, stderr=subprocess.DEVNULL)
        wait_for(f"{self.url}/signin/", self.proc)  # no upstream call: up even when Commons is slow

    def sign_in(self, session_id: str = "demo-teacher") -> requests.Session:
        browser = requests.Session()
        form = browser.get(f"{self.url}/signin/", timeout=10).text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        browser.post(f"{self.url}/signin/", data={"session_id": session_id, "csrfmiddlewaretoken": token},
                     headers={"Referer": f"{self.url}/signin/"}, timeout=10).raise_for_status()
        return browser

    def stop(self) -> None:
        stop_process(self.proc)
