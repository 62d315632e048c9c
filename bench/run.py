"""Benchmark: the dashboard over an upstream stub with a fixed delay, all on loopback.

Prints five figures, each a ratio measured in this one run (absolute times on a
shared machine are noise). See bench/README.md.

    .venv/bin/python bench/run.py [--delay 0.05] [--workers 2] [--threads 8]
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import requests

ROOT = Path(__file__).resolve().parent.parent


def resource(n: int) -> dict:
    return {"id": f"r{n:04d}", "title": f"Resource {n}: Photosynthesis and plant energy", "type": ["quiz", "page", "video"][n % 3],
            "description": "<p>A ready-to-teach lesson with teacher notes and student handouts.</p>",
            "authors": [{"id": f"a{n % 7}", "name": f"Author {n % 7}"}], "tags": ["science", "grade 7"],
            "updateDate": 1751330017315 + n * 86_400_000, "favoritedCount": n, "thumbnail": None}


def update(n: int) -> dict:
    return {"resource": {**resource(n), "versions": [{"id": "v2", "createDate": 2}, {"id": "v1", "createDate": 1}]},
            "versionNotes": "Fixed typos", "lastUpdateDate": 1751330017315,
            "courses": [{"courseId": "1", "courseName": "Biology", "versionCreateDate": 1}]}


class Stub:
    """The upstream: HTTP/1.1 keep-alive, a fixed delay per call, counts TCP connections."""

    def __init__(self, delay: float):
        self.delay = delay
        self.connections = 0
        stub = self

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 256

            def process_request(self, request, client_address):
                stub.connections += 1
                super().process_request(request, client_address)

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # else headers and body wait on delayed ACKs (+40 ms)

            def log_message(self, *args):
                pass

            def do_GET(self):
                time.sleep(stub.delay)
                path, _, query = self.path.partition("?")
                if path.startswith("/api/sessions/"):
                    payload = {"userId": "u1", "userFullName": "Bench Teacher", "accountName": "Bench"}
                elif path.endswith("/favorites"):
                    payload = {"items": [resource(n) for n in range(50)]}
                elif path.endswith("/updates"):
                    start = 10 if "cursor" in query else 0
                    payload = {"items": [update(n) for n in range(start, start + 10)],
                               "meta": {"count": 20, "cursor": None if start else "c2"}}
                else:
                    payload = {"items": [resource(n) for n in range(10)], "meta": {"count": 30, "cursor": "c2"}}
                body = json.dumps(payload).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def timed(http: requests.Session, url: str, **kwargs) -> float:
    started = time.perf_counter()
    response = http.get(url, timeout=30, **kwargs)
    response.raise_for_status()
    return time.perf_counter() - started


def median_of(http, url, n=40, **kwargs) -> float:
    timed(http, url, **kwargs)  # warm the pools
    return statistics.median(timed(http, url, **kwargs) for _ in range(n))


def sign_in(base: str) -> requests.Session:
    http = requests.Session()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', http.get(f"{base}/signin/").text).group(1)
    http.post(f"{base}/signin/", data={"session_id": "bench", "csrfmiddlewaretoken": token},
              headers={"Referer": f"{base}/signin/"}).raise_for_status()
    return http


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--delay", type=float, default=0.05)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--load-requests", type=int, default=1500)
    args = parser.parse_args()
    stub = Stub(args.delay)
    tmp = Path(tempfile.mkdtemp(prefix="lor-bench-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server_threads = args.workers * args.threads
    env = {**os.environ, "LOR_BASE_URL": stub.url, "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}", "LOG_LEVEL": "WARNING",
           "HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": str(args.workers), "GUNICORN_THREADS": str(args.threads),
           "LOR_POOL_SIZE": str(args.threads * 2), "DJANGO_STATIC_ROOT": str(tmp / "static"), "DJANGO_STATIC_MANIFEST": "true"}
    py = sys.executable
    subprocess.run([py, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run([py, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    dashboard = subprocess.Popen([py, "-m", "gunicorn", "-c", "gunicorn.conf.py", "lor_dashboard.wsgi:application"], cwd=ROOT, env=env)
    try:
        for _ in range(100):
            try:
                requests.get(f"{base}/healthz", timeout=1)
                break
            except requests.RequestException:
                time.sleep(0.1)
        http = sign_in(base)
        direct = requests.Session()
        headers = {"X-Session-ID": "bench"}
        results = {}

        # P1: /favorites/ (50 items) against its single upstream call.
        upstream_fav = median_of(direct, f"{stub.url}/api/users/u1/favorites", headers=headers)
        page_fav = median_of(http, f"{base}/favorites/")
        results["P1"] = (page_fav / upstream_fav, "<= 1.10", f"page {page_fav*1000:.1f} ms / upstream {upstream_fav*1000:.1f} ms")

        # P2: / (three calls at once) against the slowest single call.
        slowest = max(median_of(direct, f"{stub.url}{p}", headers=headers) for p in
                      ("/api/users/u1/favorites", "/api/resources?onlyImported=true", "/api/users/u1/updates"))
        home = median_of(http, f"{base}/")
        results["P2"] = (home / slowest, "<= 1.25", f"page {home*1000:.1f} ms / slowest call {slowest*1000:.1f} ms")

        # P3: upstream TCP connections opened during 200 sequential page loads.
        before = stub.connections
        for n in range(200):
            http.get(f"{base}{['/favorites/', '/', '/imports/', '/updates/'][n % 4]}", timeout=30).raise_for_status()
        opened = stub.connections - before
        results["P3"] = (opened / server_threads, "<= 1", f"{opened} connections / {server_threads} server threads")

        # P4: many teachers at once.
        cookies = http.cookies.get_dict()
        local = threading.local()
        latencies, errors = [], []

        def one(_):
            if not hasattr(local, "http"):
                local.http = requests.Session()
                local.http.cookies.update(cookies)
            try:
                latencies.append(timed(local.http, f"{base}/favorites/"))
            except Exception as exc:  # counted, not raised: the figure is the error count
                errors.append(repr(exc))

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.clients) as pool:
            list(pool.map(one, range(args.load_requests)))
        elapsed = time.perf_counter() - started
        rps = len(latencies) / elapsed
        ideal = server_threads / args.delay
        latencies.sort()
        p50 = latencies[len(latencies) // 2]
        p99 = latencies[int(len(latencies) * 0.99) - 1]
        results["P4"] = (rps / ideal, ">= 0.9", f"{rps:.0f} req/s of ideal {ideal:.0f}; errors {len(errors)}; "
                         f"p99/p50 {p99 / p50:.2f} (target <= 3): p50 {p50*1000:.0f} ms, p99 {p99*1000:.0f} ms")

        # P5: fragment vs page bytes, first-load weight, other hosts.
        # Typing a filter: the fragment that comes back vs the full page a reload would bring.
        frag = len(http.get(f"{base}/favorites/?q=Resource+7%3A", headers={"HX-Request": "true"}).content)
        full = len(http.get(f"{base}/favorites/").content)
        more_frag = len(http.get(f"{base}/updates/?cursor=c2", headers={"HX-Request": "true"}).content)
        more_full = len(http.get(f"{base}/updates/?cursor=c2").content)
        page = http.get(f"{base}/favorites/").text
        assets = re.findall(r'(?:src|href)="(/static/[^"]+\.(?:css|js))"', page)
        weight = len(gzip.compress(page.encode()))
        for asset in assets:
            raw = http.get(f"{base}{asset}", headers={"Accept-Encoding": "gzip"}, stream=True)
            weight += len(raw.raw.read(decode_content=False))
        urls = re.findall(r'(?:src|href|action|hx-get|hx-post)="([^"]+)"', page)
        other_hosts = [u for u in urls if urlsplit(u).netloc and urlsplit(u).netloc != f"127.0.0.1:{port}"
                       and not u.startswith(stub.url)]
        results["P5"] = (max(frag / full, more_frag / more_full), "<= 0.25",
                         f"favorites filter {frag}/{full} B = {frag/full:.2f}; updates load-more {more_frag}/{more_full} B = "
                         f"{more_frag/more_full:.2f}; first load {weight/1024:.1f} KB gzip (target <= 40); "
                         f"other hosts loaded: {len(other_hosts)}")
        print(f"upstream TCP connections over the whole run: {stub.connections} for {server_threads} server threads")
        print(f"machine: {os.cpu_count()} cores; upstream delay {args.delay*1000:.0f} ms; "
              f"gunicorn gthread {args.workers} workers x {args.threads} threads; {args.clients} clients")
        for name, (ratio, target, detail) in results.items():
            print(f"{name}: {ratio:.2f} (target {target}) — {detail}")
    finally:
        dashboard.terminate()
        dashboard.wait(timeout=15)
        stub.server.shutdown()


if __name__ == "__main__":
    main()
