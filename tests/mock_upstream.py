"""A mocked upstream over real HTTP, for the client's unit tests: answers registered per method
and path are given in order (the last one repeats), and every call is recorded."""
from __future__ import annotations

import json as jsonlib
import threading
from collections import defaultdict
from dataclasses import dataclass
from functools import partialmethod
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qsl

from .stub_server import StubServer, send

DROP = "drop"  # close the connection without answering: a reset
SLOW = "slow"  # answer after ``slow_seconds``: a read timeout


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    params: dict[str, str]
    headers: dict[str, str]


class MockUpstream:
    def __init__(self, slow_seconds: float = 1.0):
        self.slow_seconds = slow_seconds
        self.calls: list[Call] = []
        self._answers: dict[tuple[str, str], list] = defaultdict(list)
        self._server = StubServer(self._answer)
        self.url = self._server.url

    def add(self, method: str, path: str, *, json=None, body: str | bytes = b"", status: int = 200,
            headers: dict[str, str] | None = None, content_type: str | None = None) -> None:
        if json is not None:
            body, content_type = jsonlib.dumps(json), content_type or "application/json"
        self._answers[(method, path)].append((status, body, {**(headers or {}),
                                                             **({"Content-Type": content_type} if content_type else {})}))

    get = partialmethod(add, "GET")
    post = partialmethod(add, "POST")

    def replace(self, method: str, path: str, **answer) -> None:
        self._answers[(method, path)].clear()
        self.add(method, path, **answer)

    @property
    def paths(self) -> list[str]:
        return [call.path for call in self.calls]

    def stop(self) -> None:
        self._server.stop()

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        path, _, query = handler.path.partition("?")
        self.calls.append(Call(handler.command, path, dict(parse_qsl(query)), dict(handler.headers)))
        queue = self._answers.get((handler.command, path))
        if not queue:
            send(handler, 599, b"no answer registered")
            return
        status, body, headers = queue.pop(0) if len(queue) > 1 else queue[0]
        if body == DROP:
            handler.close_connection = True
            return
        if body == SLOW:
            threading.Event().wait(self.slow_seconds)
            body = b"{}"
        send(handler, status, body.encode() if isinstance(body, str) else body, list(headers.items()))
