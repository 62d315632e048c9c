"""Where a form may send the user next: only a path on this site."""
from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, value: str | None, default: str = "/") -> str:
    """``value`` when it is a path on this site, else ``default``."""
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) and value.startswith("/") and not value.startswith("//"):
        return value
    return str(default)  # a lazy reverse() would not survive the session's JSON


def with_query(path: str, params) -> str:
    """``path`` with ``params`` (pairs or a mapping) as its query string, every value quoted: the one
    way a view builds a link back to a page (Cancel) or to its next part (Load more); ``path`` "" is
    this page's."""
    return f"{path}?{urlencode(params)}"
