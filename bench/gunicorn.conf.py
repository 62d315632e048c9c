"""The bench's comparison: gunicorn with gthread workers, as the dashboard was served until
issue 22 (``make serve`` now starts granian: lor_dashboard/serve.py). 2 workers x 8 threads."""
import os
import tempfile
from pathlib import Path

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
keepalive = 5
accesslog = None  # the dashboard logs one line per request itself, with upstream time
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))  # SIGTERM: in-flight requests finish

# Metrics from every worker: prometheus-client's multiprocess mode, in a folder fresh at each start
# (set before any worker starts, so each imports prometheus-client already pointed at it).
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="lor-metrics-")
else:
    for stale in Path(os.environ["PROMETHEUS_MULTIPROC_DIR"]).glob("*.db"):
        stale.unlink()


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
