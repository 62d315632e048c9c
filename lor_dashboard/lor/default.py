"""The process-wide LORClient, built from Django settings."""
from __future__ import annotations

import threading

from django.conf import settings

from .breaker import CircuitBreaker
from .client import LORClient

_lock = threading.Lock()
_clients: dict[tuple, LORClient] = {}


def get_client() -> LORClient:
    """One client (one connection pool) per process and configuration."""
    key = (settings.LOR_BASE_URL, settings.LOR_CONNECT_TIMEOUT, settings.LOR_READ_TIMEOUT, settings.LOR_POOL_SIZE,
           settings.LOR_BREAKER_FAILURES, settings.LOR_BREAKER_RESET)
    client = _clients.get(key)
    if client is None:
        with _lock:
            client = _clients.get(key)
            if client is None:
                client = _clients[key] = LORClient(
                    settings.LOR_BASE_URL,
                    connect_timeout=settings.LOR_CONNECT_TIMEOUT,
                    read_timeout=settings.LOR_READ_TIMEOUT,
                    pool_size=settings.LOR_POOL_SIZE,
                    breaker=CircuitBreaker(settings.LOR_BREAKER_FAILURES, settings.LOR_BREAKER_RESET),
                )
    return client
