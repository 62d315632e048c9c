"""Running it like a service: /metrics and who may read it, /readyz, request ids in headers, logs and
error pages, JSON logs."""
from __future__ import annotations

import json
import logging
import logging.config
import threading

import pytest
from django.conf import settings as django_settings
from django.db import DatabaseError
from prometheus_client import REGISTRY

from lor_dashboard.lor import Credentials, LORUnavailable
from lor_dashboard.lor.breaker import CircuitBreaker
from lor_dashboard.lor.from_settings import get_client
from lor_dashboard.ops.request_id import RequestIdFilter

from .conftest import body
from .stub_server import StubServer


def sample(name: str, **labels) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


@pytest.mark.django_db
class MetricsAccessTests:
    def test_served_to_loopback(self, client):
        response = client.get("/metrics")
        assert response.status_code == 200

    def test_in_prometheus_text_format(self, client):
        assert client.get("/metrics")["Content-Type"].startswith("text/plain; version=")

    def test_hidden_from_other_addresses(self, client):
        assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 404

    def test_served_anywhere_with_the_bearer_token(self, client, settings):
        settings.METRICS_TOKEN = "s3cret-scrape"
        response = client.get("/metrics", REMOTE_ADDR="203.0.113.9", headers={"Authorization": "Bearer s3cret-scrape"})
        assert response.status_code == 200

    def test_a_wrong_token_is_404(self, client, settings):
        settings.METRICS_TOKEN = "s3cret-scrape"
        response = client.get("/metrics", REMOTE_ADDR="203.0.113.9", headers={"Authorization": "Bearer guess"})
        assert response.status_code == 404

    def test_allowed_networks_come_from_the_setting(self, client, settings):
        import ipaddress

        settings.METRICS_ALLOWED_NETWORKS = [ipaddress.ip_network("10.0.0.0/8")]
        assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200


@pytest.mark.django_db
class MetricsContentTests:
    def test_requests_counted_by_view_method_and_status_class(self, teacher, sandbox):
        before = sample("dashboard_requests_total", view="favorites:list", method="GET", status_class="2xx")
        teacher.get("/favorites/")
        assert sample("dashboard_requests_total", view="favorites:list", method="GET", status_class="2xx") == before + 1

    def test_request_latency_is_a_histogram(self, teacher, sandbox):
        before = sample("dashboard_request_seconds_count", view="favorites:list", method="GET")
        teacher.get("/favorites/")
        assert sample("dashboard_request_seconds_count", view="favorites:list", method="GET") == before + 1

    def test_upstream_calls_by_route_template(self, teacher, sandbox):
        before = sample("lor_upstream_calls_total", method="GET", route="/api/users/{userId}/favorites", status_class="2xx")
        teacher.get("/favorites/")
        after = sample("lor_upstream_calls_total", method="GET", route="/api/users/{userId}/favorites", status_class="2xx")
        assert after == before + 1

    def test_no_id_in_any_label(self, teacher, sandbox, client):
        teacher.get("/favorites/")
        teacher.get("/updates/")
        text = body(client.get("/metrics"))
        assert "u-maria" not in text

    def test_breaker_trips_are_counted(self):
        before = sample("lor_breaker_trips_total")
        breaker = CircuitBreaker(min_calls=2)
        breaker.failed()
        breaker.failed()
        assert sample("lor_breaker_trips_total") == before + 1

    def test_breaker_state_is_a_gauge(self):
        clock = [0.0]
        breaker = CircuitBreaker(min_calls=1, trials=1, clock=lambda: clock[0])
        breaker.failed()
        open_now = sample("lor_breaker_open")
        clock[0] += 3
        breaker.allow()  # half-open: one trial
        breaker.succeeded()
        assert (open_now, sample("lor_breaker_open")) == (1, 0)


@pytest.mark.django_db
class ReadinessTests:
    def test_ready_with_its_database(self, client, sandbox):
        response = client.get("/readyz")
        assert (response.status_code, response.json()["database"]) == (200, "ok")

    def test_unready_without_its_database(self, client, sandbox, monkeypatch):
        def broken(*args, **kwargs):
            raise DatabaseError("connection refused")

        monkeypatch.setattr("lor_dashboard.ops.readiness.connection.cursor", broken)
        response = client.get("/readyz")
        assert (response.status_code, response.json()["database"]) == (503, "down")

    def test_commons_failing_is_reported_but_still_ready(self, client, settings):
        settings.LOR_BASE_URL = "http://127.0.0.1:9"  # nothing listens there
        settings.LOR_BREAKER_MIN_CALLS = 1
        with pytest.raises(LORUnavailable):  # one unavailable answer opens this process's breaker
            get_client().count_favorites(Credentials(session_id="s", user_id="u"))
        response = client.get("/readyz")
        assert (response.status_code, response.json()["commons"]) == (200, "failing (circuit open)")

    def test_readiness_makes_no_call_to_commons(self, client, sandbox, monkeypatch):
        calls = []
        monkeypatch.setattr("lor_dashboard.lor.client.LORClient._request", lambda *a, **k: calls.append(a))
        client.get("/readyz")
        assert calls == []

    def test_redis_not_configured_is_said(self, client, sandbox):
        assert client.get("/readyz").json()["redis"] == "not configured"

    def test_healthz_touches_nothing(self, client, sandbox, monkeypatch):
        def broken(*args, **kwargs):
            raise DatabaseError("connection refused")

        monkeypatch.setattr("django.db.backends.base.base.BaseDatabaseWrapper.cursor", broken)
        assert client.get("/healthz").status_code == 200

    @pytest.fixture
    def hanging_commons(self, settings):
        release = threading.Event()
        server = StubServer(lambda handler: release.wait(30))
        settings.LOR_BASE_URL = server.url
        yield server
        release.set()
        server.stop()

    def test_healthz_asks_nothing_of_commons_while_it_hangs(self, client, hanging_commons):
        client.get("/healthz")  # before: waited the read timeout for Commons, and fed the breaker
        assert hanging_commons.requests == []


@pytest.mark.django_db
class RequestIdTests:
    def test_every_response_has_one(self, client, sandbox):
        assert len(client.get("/signin/")["X-Request-ID"]) >= 8

    def test_a_sane_id_from_the_proxy_is_kept(self, client, sandbox):
        response = client.get("/signin/", headers={"X-Request-ID": "proxy-abc-12345"})
        assert response["X-Request-ID"] == "proxy-abc-12345"

    @pytest.mark.parametrize("insane", ["x", "a b c d e f g h", "<script>alert(1)</script>", "z" * 300, "id\nInjected: 1"])
    def test_an_insane_one_is_replaced(self, client, sandbox, insane):
        response = client.get("/signin/", headers={"X-Request-ID": insane})
        assert response["X-Request-ID"] != insane

    def test_error_pages_show_it_as_reference(self, teacher, sandbox):
        response = teacher.get("/no-such-page/")
        assert f"Reference: <code>{response['X-Request-ID']}</code>" in body(response)

    def test_upstream_problem_pages_show_it(self, teacher, settings):
        settings.LOR_BASE_URL = "http://127.0.0.1:9"
        response = teacher.get("/favorites/")
        assert f"Reference: <code>{response['X-Request-ID']}</code>" in body(response)

    def test_every_log_line_of_the_request_carries_it(self, teacher, sandbox, caplog):
        caplog.handler.addFilter(RequestIdFilter())
        with caplog.at_level(logging.INFO):
            response = teacher.get("/favorites/")
        ids = {r.request_id for r in caplog.records if r.name.startswith("lor_dashboard")}
        assert ids == {response["X-Request-ID"]}


class JsonLogTests:
    def record(self) -> dict:
        config = {**django_settings.LOGGING, "handlers": {"console": {
            **django_settings.LOGGING["handlers"]["console"], "formatter": "json", "stream": "ext://sys.stderr"}}}
        logging.config.dictConfig(config)
        return config

    def test_one_json_object_a_line_with_the_request_fields(self, capsys):
        self.record()
        logging.getLogger("lor_dashboard.requests").info(
            "GET /favorites/ 200 5ms upstream=3ms calls=1",
            extra={"method": "GET", "path": "/favorites/", "status": 200, "duration_ms": 5.0, "upstream_ms": 3.0,
                   "upstream_calls": 1, "view": "favorites"})
        line = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
        assert {k: line[k] for k in ("level", "logger", "path", "status", "request_id")} == {
            "level": "INFO", "logger": "lor_dashboard.requests", "path": "/favorites/", "status": 200, "request_id": "-"}

    def teardown_method(self):
        logging.config.dictConfig(django_settings.LOGGING)
