"""A Canvas address a person typed, parsed strictly, so the server only ever calls an allowed
host and port.

``urlsplit`` and the HTTP client disagree on odd input (a backslash, userinfo, ``#@``): checking
with one and connecting with the other lets ``http://127.1:8000\\@allowed`` through. So nothing odd
is parsed at all: ``scheme://host[:port][/]`` and nothing else, and the outgoing URL is built again
from the checked parts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# A DNS name or an IPv4 address: letters, digits, hyphens and dots. No userinfo, backslash,
# percent-escape, whitespace, path, query, fragment or IPv6 literal can match.
_ADDRESS = re.compile(r"(https?)://([a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?)(?::([0-9]{1,5}))?/?", re.ASCII)
_ENTRY = re.compile(r"(\.?[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?)(?::([0-9]{1,5}))?", re.ASCII)
DEFAULT_PORTS = {"https": 443, "http": 80}
LOOPBACK = frozenset({"127.0.0.1", "localhost"})


@dataclass(frozen=True)
class CanvasAddress:
    scheme: str
    host: str
    port: int

    @property
    def url(self) -> str:
        """Built from the checked parts, never from what was typed."""
        return f"{self.scheme}://{self.host}:{self.port}"


def parse_address(text: str) -> CanvasAddress | None:
    """``scheme://host[:port][/]`` (lower-cased), or None for anything else."""
    match = _ADDRESS.fullmatch(text.lower())
    if match is None or ".." in match[2]:
        return None
    scheme, host, port = match[1], match[2], match[3]
    number = int(port) if port else DEFAULT_PORTS[scheme]
    if not 0 < number < 65536:
        return None
    return CanvasAddress(scheme, host, number)


def allowed_address(text: str, allowlist: list[str]) -> CanvasAddress | None:
    """The address, if it is https (or http on loopback) to a host *and* port the allowlist names.

    Entries are ``host[:port]`` or ``.domain[:port]`` (the domain's subdomains); an entry without a
    port allows only the scheme's default port.
    """
    address = parse_address(text)
    if address is None or (address.scheme == "http" and address.host not in LOOPBACK):
        return None
    for entry in allowlist:
        match = _ENTRY.fullmatch(entry.strip().lower())
        if match is None:
            continue
        name, port = match[1], int(match[2]) if match[2] else DEFAULT_PORTS[address.scheme]
        host_ok = address.host == name or (name.startswith(".") and address.host.endswith(name))
        if host_ok and address.port == port:
            return address
    return None
