"""``make serve``'s server: granian, WSGI, sized from the environment.

granian reads requests in Rust, asynchronously, and hands only complete ones to the Python
threads, so a client that trickles its headers holds a socket, not a thread (gunicorn's gthread
worker gave each such client a thread: 16 of them took the dashboard down; bench/README.md).
Threads wait on Commons most of the time: WEB_THREADS per process is sized so that at a 50 ms
upstream the threads allow more pages a second than the cores can render (README, "Deploying").

    python -m lor_dashboard.serve      # HOST, PORT, WEB_CONCURRENCY, WEB_THREADS, ...
"""
from __future__ import annotations

import logging
import os
import re
import tempfile
from pathlib import Path

WORKERS = 2
THREADS = 32


def _int(environ, name: str, default: int) -> int:
    return int(environ.get(name) or default)


def prepare_metrics_dir(environ=os.environ) -> str:
    """Every worker writes its Prometheus samples into one folder, fresh at each start (set before
    any worker starts, so each imports prometheus-client already pointed at it)."""
    folder = environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not folder:
        folder = environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="lor-metrics-")
    else:
        for stale in Path(folder).glob("*.db"):
            stale.unlink()
    return folder


def forget_dead_workers(folder: str) -> None:
    """A worker that died (and was respawned) leaves its live gauges behind: drop them, as
    gunicorn's child_exit hook did. Counters stay: a total must not go down."""
    from prometheus_client import multiprocess

    pids = {int(m.group(1)) for f in Path(folder).glob("*.db") if (m := re.search(r"_(\d+)\.db$", f.name))}
    for pid in pids - {os.getpid()}:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            multiprocess.mark_process_dead(pid, folder)
        except PermissionError:
            pass  # alive, someone else's


def worker_application():
    """Each worker's WSGI app (granian calls this in the worker: the main process never loads
    Django). Behind a proxy, X-Forwarded-For and -Proto are believed only from FORWARDED_ALLOW_IPS."""
    from django.core.wsgi import get_wsgi_application
    from granian.utils.proxies import wrap_wsgi_with_proxy_headers

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lor_dashboard.settings")
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        forget_dead_workers(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    trusted = [h.strip() for h in os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1").split(",") if h.strip()]
    return wrap_wsgi_with_proxy_headers(get_wsgi_application(), trusted)


def server(environ=os.environ):
    from granian.constants import Interfaces
    from granian.http import HTTP1Settings
    from granian.log import LogLevels
    from granian.server import Server

    workers = _int(environ, "WEB_CONCURRENCY", WORKERS)
    threads = _int(environ, "WEB_THREADS", THREADS)
    return Server(
        "lor_dashboard.serve:worker_application", factory=True, interface=Interfaces.WSGI,
        address=environ.get("HOST", "0.0.0.0"), port=_int(environ, "PORT", 8000),
        workers=workers, blocking_threads=threads,
        # Connections a worker holds at once (the ones still sending their headers included);
        # beyond its threads, complete requests wait for a thread. A client gets WEB_HEADER_TIMEOUT
        # seconds to send its headers, so a slow one holds a slot for that long at most.
        backpressure=_int(environ, "WEB_BACKLOG", 1024),
        http1_settings=HTTP1Settings(header_read_timeout=_int(environ, "WEB_HEADER_TIMEOUT", 10) * 1000),
        respawn_failed_workers=True,
        # SIGTERM: stop accepting, let in-flight requests finish, then stop the workers.
        workers_kill_timeout=_int(environ, "WEB_GRACEFUL_TIMEOUT", 30),
        log_access=False,  # the dashboard logs one line per request itself, with upstream time
        log_level=LogLevels(environ.get("WEB_LOG_LEVEL", "warning")),
    )


def main() -> None:
    prepare_metrics_dir()
    served = server()
    # granian warns when threads outnumber twice the cores: here they are meant to wait on Commons.
    logging.getLogger("_granian").addFilter(lambda record: "Python threads" not in record.getMessage())
    served.serve()


if __name__ == "__main__":
    main()
