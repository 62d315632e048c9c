"""``make run``: the sandbox (unless LOR_BASE_URL is set) and the dashboard,
each in its own process, stopped together on Ctrl-C, SIGTERM or a closed terminal."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
STOP_SECONDS = 10


# Every process started here runs in a process group of its own, so a terminal's Ctrl-C reaches
# only this launcher, which stops each server with one SIGTERM to its main process (Ctrl-C reaching
# granian's workers as well left one hanging until its 30 s kill timeout, 4 times in 10) and lets a
# setup command finish rather than die half-way.
APART = {"cwd": ROOT, "stdin": subprocess.DEVNULL, "process_group": 0}


class Stopped(Exception):
    """A stop signal arrived while the servers were starting."""


def start(args: list[str], **options) -> subprocess.Popen:
    return subprocess.Popen(args, **APART, **options)


def stop_all(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    deadline = time.monotonic() + STOP_SECONDS
    for proc in procs:
        try:
            proc.wait(timeout=max(deadline - time.monotonic(), 0))
        except subprocess.TimeoutExpired:
            print(f"{proc.args[2]} did not stop within {STOP_SECONDS} s: killed it.", file=sys.stderr)
        # With everything it started: a worker must not outlive its server and keep the port.
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass  # the group is already empty
        proc.wait()


def wait_until_up(url: str, proc: subprocess.Popen | None, stop: threading.Event, seconds: float = 30) -> bytes:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if stop.is_set():
            raise Stopped
        if proc is not None and proc.poll() is not None:
            raise SystemExit(f"{url} did not start (exit code {proc.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read()
        except OSError:
            stop.wait(0.2)
    raise SystemExit(f"{url} did not answer within {seconds:.0f} s")


def register_with_sandbox(sandbox: str, tool: str, env: dict, stop: threading.Event) -> None:
    """``lti_register`` for the sandbox's platform, then tell the sandbox where the tool is."""
    platform = json.loads(wait_until_up(f"{sandbox}/sandbox/lti/config", None, stop))
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env=env, check=True, **APART)
    if stop.is_set():
        raise Stopped
    printed = subprocess.run(
        [PYTHON, "manage.py", "lti_register", "--issuer", platform["issuer"], "--client-id", platform["clientId"],
         "--auth-url", platform["authUrl"], "--keyset-url", platform["keysetUrl"], "--token-url", platform["tokenUrl"],
         "--deployment-id", platform["deploymentId"], "--name", "Canvas (sandbox)", "--tool-url", tool, "--json"],
        env=env, check=True, capture_output=True, text=True, **APART).stdout
    urls = json.loads(printed.strip().splitlines()[-1])
    body = json.dumps({"loginUrl": urls["oidc_initiation_url"], "launchUrl": urls["target_link_uri"]}).encode()
    request = urllib.request.Request(f"{sandbox}/sandbox/lti/tool", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=10).close()


def main() -> int:
    port = int(os.environ.get("PORT", "8000"))
    env = dict(os.environ)
    procs: list[subprocess.Popen] = []
    stop = threading.Event()
    # Nothing started here is in the terminal's process group: its signals reach only this process.
    for stop_signal in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop_signal, lambda *_: stop.set())
    demo_ids: list[str] = []
    try:
        if not env.get("LOR_BASE_URL"):
            sandbox_port = int(env.get("SANDBOX_PORT", "8001"))
            sandbox = start(
                [PYTHON, "-m", "lor_dashboard.sandbox", "serve", "--port", str(sandbox_port),
                 "--db", env.get("SANDBOX_DB", str(ROOT / "var" / "sandbox.sqlite3"))],
                stdout=subprocess.DEVNULL,
            )
            procs.append(sandbox)
            base = f"http://127.0.0.1:{sandbox_port}"
            demo = json.loads(wait_until_up(f"{base}/sandbox/demo-sessions", sandbox, stop))
            demo_ids = [item["sessionId"] for item in demo["items"]]
            env["LOR_BASE_URL"] = base
            env["LOR_DEMO_SESSIONS"] = ",".join(demo_ids)
            # "Sign in with Canvas" works out of the box: the sandbox plays Canvas too.
            canvas = json.loads(wait_until_up(f"{base}/sandbox/canvas-config", sandbox, stop))
            env.setdefault("CANVAS_BASE_URL", base)
            env.setdefault("CANVAS_CLIENT_ID", canvas["clientId"])
            env.setdefault("CANVAS_CLIENT_SECRET", canvas["clientSecret"])
            # ...and an LTI 1.3 platform: its "Canvas course" page launches the dashboard.
            env.setdefault("LTI_CANVAS_ORIGINS", base)
            register_with_sandbox(base, f"http://127.0.0.1:{port}", env, stop)
        else:
            env.pop("LOR_DEMO_SESSIONS", None)  # never offer demo ids for a real upstream
        dashboard = start([PYTHON, "-m", "lor_dashboard.serve"], env={**env, "HOST": "127.0.0.1", "PORT": str(port)})
        procs.append(dashboard)
        wait_until_up(f"http://127.0.0.1:{port}/healthz", dashboard, stop)
        print(f"\nLOR Dashboard: http://127.0.0.1:{port}/", flush=True)
        print(f"Upstream: {env['LOR_BASE_URL']}", flush=True)
        if demo_ids:
            print("Demo session ids: " + ", ".join(demo_ids), flush=True)
            print(f"Opened from Canvas (LTI): {env['LOR_BASE_URL']}/sandbox/canvas-course", flush=True)
        print("Press Ctrl-C to stop.", flush=True)
        while not stop.is_set() and all(p.poll() is None for p in procs):
            stop.wait(0.2)
    except Stopped:
        pass
    finally:
        stop_all(procs)
    if not stop.is_set():
        print("A server stopped unexpectedly; stopped the other.", file=sys.stderr)
        return 1
    print("Stopped.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
