"""Small HTTP response helpers shared by the sandbox's API and its Canvas."""
from __future__ import annotations

import html
import json
from dataclasses import dataclass, field

from .words import html_attributes


@dataclass
class Response:
    status: int
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)


class HTTPError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


STATUS_TEXT = {
    200: "OK", 201: "Created", 204: "No Content", 302: "Found", 400: "Bad Request", 401: "Unauthorized",
    403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 500: "Internal Server Error",
}


def json_response(data: object, status: int = 200) -> Response:
    return Response(status, json.dumps(data).encode(), [("Content-Type", "application/json")])


def html_response(title: str, body: str, status: int = 200, lang: str = "en") -> Response:
    page = (
        f"<!doctype html><html {html_attributes(lang)}><meta charset=utf-8><link rel=icon href='data:,'><title>{html.escape(title)}</title>"
        f"<body style='font-family:sans-serif;max-width:40rem;margin:2rem auto'>{body}</body></html>"
    )
    return Response(status, page.encode(), [("Content-Type", "text/html; charset=utf-8")])
