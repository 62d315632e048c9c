"""A misbehaving upstream for fault tests: one mode at a time, every request recorded."""
from __future__ import annotations

import json
import socket
import struct
import time
from http.server import BaseHTTPRequestHandler

from .stub_server import StubServer
from .stub_server import send as send_raw

FAULTS = [
    "500-json", "502-html", "invalid-json", "429", "hang", "trickle", "reset", "redirect", "set-cookie", "401",
]


class FaultyUpstream(StubServer):
    def __init__(self, hang_seconds: float = 3.0):
        self.mode = "500-json"
        self.hang_seconds = hang_seconds
        super().__init__(self.answer)

    def answer(self, h: BaseHTTPRequestHandler) -> None:
        def send(status, body=b"", headers=()):
            send_raw(h, status, body, headers)

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
            send(302, headers=[("Location", f"http://localhost:{self.port}/stolen")])
        elif mode == "set-cookie":
            send(200, b'{"items": [], "meta": {}}', [("Content-Type", "application/json"),
                                                  ("Set-Cookie", "upstream=planted; Path=/")])
        elif mode == "401":
            send(401, b'{"message": "expired"}', [("Content-Type", "application/json")])
