"""A misbehaving upstream for fault tests: one mode at a time, every request recorded."""
from __future__ import annotations

import json
import socket
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FAULTS = [
    "500-json", "502-html", "invalid-json", "429", "hang", "trickle", "reset", "redirect", "set-cookie", "401",
]


class FaultyUpstream:
    def __init__(self, hang_seconds: float = 3.0):
        self.mode = "500-json"
        self.hang_seconds = hang_seconds
        self.requests: list[tuple[str, str, dict]] = []
        upstream = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _any(self):
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                upstream.requests.append((self.command, self.path, dict(self.headers)))
                upstream.answer(self)

            do_GET = do_POST = do_DELETE = _any

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def answer(self, h: BaseHTTPRequestHandler) -> None:
        def send(status, body=b"", headers=()):
            h.send_response(status)
            for name, value in headers:
                h.send_header(name, value)
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            h.wfile.write(body)

        mode = self.mode
        if mode == "500-json":
            send(500, json.dumps({"message": "internal error"}).encode(), [("Content-Type", "application/json")])
        elif mode == "502-html":
            send(502, b"<html><body><h1>502 Bad Gateway</h1><script>alert(1)</script></body></html>", [("Content-Type", "text/html")])
        elif mode == "invalid-json":
            send(200, b'{"items": [', [("Content-Type", "application/json")])
        elif mode == "429":
            send(429, b'{"message": "slow down"}', [("Content-Type", "application/json"), ("Retry-After", "30")])
        elif mode == "hang":
            time.sleep(self.hang_seconds)
            send(200, b'{"items": []}', [("Content-Type", "application/json")])
        elif mode == "trickle":
            body = b'{"items": []}' + b" " * 200
            h.send_response(200)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            for byte in body:
                h.wfile.write(bytes([byte]))
                h.wfile.flush()
                time.sleep(0.05)
        elif mode == "reset":
            h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            h.connection.close()
            h.close_connection = True
        elif mode == "redirect":
            send(302, headers=[("Location", f"http://localhost:{self.server.server_port}/stolen")])
        elif mode == "set-cookie":
            send(200, b'{"items": [], "meta": {}}', [("Content-Type", "application/json"),
                                                  ("Set-Cookie", "upstream=planted; Path=/")])
        elif mode == "401":
            send(401, b'{"message": "expired"}', [("Content-Type", "application/json")])
