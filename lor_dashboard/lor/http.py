"""One HTTP exchange on a urllib3 pool, read whole by a deadline: the transport under both the
Commons client and the Canvas client (no cookie jar, no environment proxies or .netrc, no
redirects, no retries of urllib3's own)."""
from __future__ import annotations

import json as jsonlib
import time
from dataclasses import dataclass
from typing import Any, Mapping

import certifi
import urllib3
from django.db import connections


@dataclass(frozen=True, slots=True)
class Reply:
    """One upstream answer, read whole (``headers`` is case-insensitive)."""

    status_code: int
    headers: Mapping[str, str]
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")

    def json(self) -> Any:
        return jsonlib.loads(self.content)


def pool(maxsize: int, num_pools: int = 2) -> urllib3.PoolManager:
    return urllib3.PoolManager(num_pools=num_pools, maxsize=maxsize, retries=False, ca_certs=certifi.where())


def hand_back_pooled_connections() -> None:
    """A thread about to wait on Commons or Canvas gives its pooled database connection back, so
    the pool serves the threads that are querying, not the ones that are waiting (its next query
    takes one again). Not inside a transaction, and never without a pool: SQLite's connections
    are the thread's own."""
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None and not connection.in_atomic_block and getattr(connection, "pool", None):
            connection.close()


def exchange(http: urllib3.PoolManager, method: str, url: str, *, headers: dict, body: bytes | None,
             timeout: urllib3.Timeout, deadline: float) -> Reply:
    """One request and its whole body, read by the deadline. A read timeout applies to each
    socket read, so an upstream that trickles a byte at a time would otherwise hold us forever."""
    hand_back_pooled_connections()
    response = http.urlopen(method, url, body=body, headers=headers, timeout=timeout, redirect=False,
                            preload_content=False)
    chunks = []
    try:
        while chunk := response.read1(65536, decode_content=True):
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise TimeoutError("the body took too long")
    except BaseException:
        response.close()  # a half-read connection is not reused
        raise
    response.release_conn()
    return Reply(response.status, response.headers, b"".join(chunks))
