"""What an anonymous visitor could abuse before signing in: huge bodies, made-up methods that
would grow /metrics, and control characters that would forge log lines."""
from __future__ import annotations

import io
import logging
import logging.config
import socket
import time
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from prometheus_client import REGISTRY, generate_latest


@pytest.mark.django_db
class BodyLimitTests:
    def test_a_large_multipart_body_is_refused(self, client):
        response = client.post("/signin/", {"session_id": "x", "file": io.BytesIO(b"x" * 300_000)})
        assert response.status_code == 413

    def test_a_body_over_the_limit_is_refused(self, client):
        response = client.post("/signin/", "session_id=" + "x" * 300_000, content_type="application/x-www-form-urlencoded")
        assert response.status_code == 413

    def test_an_ordinary_form_still_works(self, client, sandbox):
        assert client.post("/signin/", {"session_id": "demo-teacher"}).status_code == 302


@pytest.mark.django_db(transaction=True)
class LargeUploadTests:
    def test_a_300_mb_upload_is_answered_before_it_is_sent_and_spools_nothing(self, live_server, settings, tmp_path):
        settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
        address = urlsplit(live_server.url)
        with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
            sock.sendall(b"POST /signin/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         b"Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 314572800\r\n\r\n"
                         b"--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"big\"\r\n\r\n" + b"x" * 65536)
            started = time.monotonic()
            status_line = sock.recv(200).split(b"\r\n")[0]
            answered_in = time.monotonic() - started
        assert (status_line.split()[1], list(tmp_path.iterdir()), answered_in < 10) == (b"413", [], True)


def series() -> int:
    return sum(1 for line in generate_latest(REGISTRY).decode().splitlines() if line and not line.startswith("#"))


@pytest.mark.django_db
class MetricsLabelTests:
    def test_made_up_methods_add_no_series(self, client):
        client.generic("BREW", "/signin/")  # the first odd method may add the "other" series,
        client.generic("GET", "/no-such-page/")  # and the first unknown page the "unmatched" ones
        before = series()
        for n in range(300):
            client.generic(f"M{n}X", "/signin/")
            client.generic("GET", f"/no-such-page-{n}/")
        assert series() == before


@pytest.fixture
def log_text(client):
    """The project's own logging configuration, written to a string."""
    stream = io.StringIO()
    config = {**django_settings.LOGGING,
              "handlers": {"console": {**django_settings.LOGGING["handlers"]["console"], "stream": stream}}}
    logging.config.dictConfig(config)
    yield stream
    logging.config.dictConfig(django_settings.LOGGING)


@pytest.mark.django_db
class LogForgingTests:
    def test_a_newline_in_a_path_starts_no_line(self, client, log_text):
        client.get("/signin/%0a2026-01-01 INFO lor_dashboard.requests [x] GET / 200 FAKE")
        assert not [line for line in log_text.getvalue().splitlines() if line.startswith("2026-01-01")]

    def test_the_newline_is_shown_escaped(self, client, log_text):
        client.get("/signin/%0aFAKE")
        assert "\\nFAKE" in log_text.getvalue()

    def test_json_logs_escape_it_too(self, client, log_text, settings):
        logging.config.dictConfig({**django_settings.LOGGING, "handlers": {"console": {
            **django_settings.LOGGING["handlers"]["console"], "formatter": "json", "stream": log_text}}})
        client.get("/signin/%0d%0aFAKE")
        assert len(log_text.getvalue().strip().splitlines()) == len([x for x in log_text.getvalue().splitlines() if x.startswith("{")])
