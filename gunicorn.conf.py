"""Production serving: gunicorn with gthread workers, sized from the environment.

Threads wait on the upstream most of the time, so a few processes with several
threads each serve many teachers; keep LOR_POOL_SIZE >= GUNICORN_THREADS.
"""
import os

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
keepalive = 5
accesslog = None  # the dashboard logs one line per request itself, with upstream time
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
