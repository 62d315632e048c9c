from __future__ import annotations

import os

import pytest

from lor_dashboard.lor import LORClient
from lor_dashboard.settings import content_security_policy

from .mock_upstream import MockUpstream
from .servers import ROOT, Sandbox

(ROOT / "var").mkdir(exist_ok=True)  # the SQLite test database lives there

DEMO_SESSIONS = ["demo-teacher", "demo-teacher-2", "demo-admin"]


@pytest.fixture(scope="session")
def sandbox_server(tmp_path_factory):
    server = Sandbox(tmp_path_factory.mktemp("sandbox") / "sandbox.sqlite3")
    yield server
    server.stop()


@pytest.fixture
def sandbox(sandbox_server, settings):
    """A sandbox with fresh seed data, and the dashboard pointed at it."""
    sandbox_server.reset()
    settings.LOR_BASE_URL = sandbox_server.url
    settings.CONTENT_SECURITY_POLICY = content_security_policy(sandbox_server.url)
    settings.LOR_DEMO_SESSIONS = DEMO_SESSIONS
    return sandbox_server


@pytest.fixture
def lor(sandbox) -> LORClient:
    return LORClient(sandbox.url)


@pytest.fixture
def signed_in(client, sandbox, db):
    """A Django test client signed in as demo-teacher through the real form."""

    def sign_in(session_id: str = "demo-teacher"):
        response = client.post("/signin/", {"session_id": session_id})
        assert response.status_code == 302, response.content[:500]
        return client

    return sign_in


@pytest.fixture
def oauth_user(client, canvas, db):
    """A Django test client signed in as u-maria through "Sign in with Canvas" (OAuth)."""
    from .helpers import approve_in_canvas, go_to_canvas

    assert client.get(approve_in_canvas(canvas, go_to_canvas(client, "/"))).status_code == 302
    return client


HTMX = {"HX-Request": "true"}


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.fixture
def teacher(signed_in):
    """A test client signed in as demo-teacher."""
    return signed_in("demo-teacher")


@pytest.fixture
def canvas(settings, sandbox):
    """The sandbox also plays Canvas: "Sign in with Canvas" configured against it."""
    from lor_dashboard.sandbox.seed import CANVAS_CLIENT_ID, CANVAS_CLIENT_SECRET

    settings.CANVAS_BASE_URL = sandbox.url
    settings.CANVAS_CLIENT_ID = CANVAS_CLIENT_ID
    settings.CANVAS_CLIENT_SECRET = CANVAS_CLIENT_SECRET
    settings.CANVAS_TOKEN_HOSTS = [f"127.0.0.1:{sandbox.port}"]
    return sandbox


def required_tool(found: bool, message: str) -> None:
    """Skip locally without a tool; fail under CI, so CI can never pass without the test."""
    if not found:
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def postgres():
    from .postgres import TempPostgres, pg_bin

    required_tool(pg_bin() is not None, "PostgreSQL is not installed: apt-get install -y postgresql (.ci/run does this)")
    server = TempPostgres()
    yield server
    server.stop()


def undo_data(html: str) -> dict[str, str]:
    """What the page's (first) Undo button posts: its form's hidden fields, read from the HTML."""
    from html.parser import HTMLParser

    class Form(HTMLParser):
        inside, fields = False, {}

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "form" and "undo" in (attrs.get("class") or "").split() and not self.fields:
                self.inside = True
            elif tag == "input" and self.inside and attrs.get("type") == "hidden":
                self.fields[attrs["name"]] = attrs.get("value", "")

        def handle_endtag(self, tag):
            if tag == "form":
                self.inside = False

    form = Form()
    form.fields = {}
    form.feed(html)
    assert "undo" in form.fields, "the page offers no Undo"
    return {k: v for k, v in form.fields.items() if k != "csrfmiddlewaretoken"}


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A request activates its language for the thread; what a test renders outside a request
    afterwards must not inherit the last test's."""
    yield
    from django.utils import translation

    translation.activate("en")


@pytest.fixture
def upstream():
    """A scripted Commons on loopback, for the client's own tests (a module may bring its own)."""
    mock = MockUpstream()
    yield mock
    mock.stop()
