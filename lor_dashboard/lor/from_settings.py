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
           settings.LOR_BREAKER_RATE, settings.LOR_BREAKER_MIN_CALLS, settings.LOR_BREAKER_WINDOW, settings.LOR_BREAKER_OPEN)
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
                    breaker=CircuitBreaker(failure_rate=settings.LOR_BREAKER_RATE, min_calls=settings.LOR_BREAKER_MIN_CALLS,
                                           window=settings.LOR_BREAKER_WINDOW, open_for=settings.LOR_BREAKER_OPEN),
                )
    return client
