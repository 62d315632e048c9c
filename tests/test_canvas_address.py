"""The access-token path calls only allowed Canvas addresses: parser tricks make no connection at all."""
from __future__ import annotations

import socket

import pytest

from lor_dashboard.canvas.address import allowed_address, parse_address

from .conftest import body
from .mock_upstream import MockUpstream

REFUSED = "not one this dashboard works with"


@pytest.fixture
def spy():
    """A listener on a spare port: any connection to it is a request the dashboard should not have made."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        sock.setblocking(False)
        yield sock


def connections(sock: socket.socket) -> int:
    seen = 0
    while True:
        try:
            conn, _ = sock.accept()
        except BlockingIOError:
            return seen
        conn.close()
        seen += 1


def tricks(spy_port: int, allowed: str) -> list[str]:
    return [
        f"http://127.1:{spy_port}\\@{allowed}",
        f"http://127.0.0.1:{spy_port}\\@{allowed}",
        f"http://127.0.0.1:{spy_port}@{allowed}",
        f"http://user:pw@127.0.0.1:{spy_port}",
        f"http://127.0.0.1:{spy_port}#@{allowed}",
        f"http://127.0.0.1:{spy_port}%5C@{allowed}",
        f"http://127.0.0.1:{spy_port}%5c@{allowed}",
        f"http://127.0.0.1:{spy_port}\t@{allowed}",
        f"http://127.0.0.1:{spy_port}\n@{allowed}",
        f"http://[::ffff:127.0.0.1]:{spy_port}",
        f"http://[::1]:{spy_port}",
        f"http://127.0.0.1:{spy_port}",
        f"http://{allowed}/../x",
        f"http://{allowed}?x=1",
        f"http://{allowed}:{spy_port}",
    ]


@pytest.mark.django_db
class TokenPathTricksTests:
    @pytest.mark.parametrize("n", range(15))
    def test_trick_is_refused(self, client, canvas, spy, n):
        address = tricks(spy.getsockname()[1], f"127.0.0.1:{canvas.port}")[n]
        text = body(client.post("/signin/token/", {"canvas_url": address, "token": "demo-teacher-token"}))
        assert REFUSED in text, address

    @pytest.mark.parametrize("n", range(15))
    def test_trick_makes_no_connection(self, client, canvas, spy, n):
        address = tricks(spy.getsockname()[1], f"127.0.0.1:{canvas.port}")[n]
        client.post("/signin/token/", {"canvas_url": address, "token": "demo-teacher-token"})
        assert connections(spy) == 0, address

    def test_the_allowed_address_still_signs_in(self, client, canvas):
        response = client.post("/signin/token/", {"canvas_url": f"http://127.0.0.1:{canvas.port}/", "token": "demo-teacher-token"})
        assert response.status_code == 302

    def test_the_remote_text_is_never_shown(self, client, sandbox, settings):
        remote = MockUpstream()
        try:
            remote.get("/api/lti/accounts/self/jwt_token", status=403, json={"message": "SECRET-INTERNAL-TEXT"})
            settings.CANVAS_TOKEN_HOSTS = [f"127.0.0.1:{remote.url.rsplit(':', 1)[1]}"]
            text = body(client.post("/signin/token/", {"canvas_url": remote.url, "token": "t"}))
        finally:
            remote.stop()
        assert "SECRET-INTERNAL-TEXT" not in text


class AllowlistTests:
    def test_https_default_port(self):
        assert allowed_address("https://school.instructure.com", [".instructure.com"]).port == 443

    def test_another_port_needs_its_own_entry(self):
        assert allowed_address("https://school.instructure.com:8443", [".instructure.com"]) is None

    def test_an_entry_with_a_port(self):
        assert allowed_address("https://canvas.example:8443", ["canvas.example:8443"]).url == "https://canvas.example:8443"

    def test_suffix_is_not_a_substring(self):
        assert allowed_address("https://evilinstructure.com", [".instructure.com"]) is None

    def test_http_only_on_loopback(self):
        assert allowed_address("http://school.instructure.com", [".instructure.com"]) is None

    def test_the_url_is_built_from_the_parts(self):
        assert allowed_address("HTTPS://School.Instructure.com/", [".instructure.com"]).url == "https://school.instructure.com:443"

    @pytest.mark.parametrize("text", ["https://a..b", "https://-a.com", "https://a.com:0", "https://a.com:99999", "https://",
                                      "https://a.com/path", "https://a.com ", " https://a.com", "https://a.com\x00", "javascript:x"])
    def test_odd_addresses_do_not_parse(self, text):
        assert parse_address(text) is None
