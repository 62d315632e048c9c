"""Bad input: odd ids, cursors, huge text, missing and repeated fields. 0 dashboard 5xx, and
the upstream only ever sees the contract's routes with allowlisted ids."""
from __future__ import annotations

import re

import pytest

from lor_dashboard.accounts import throttle

from .conftest import HTMX
from .hostile_upstream import HostileUpstream
from .routes import SAMPLES, path_of, with_path_args

ID = r"[A-Za-z0-9_-]{1,128}"
ROUTES = [re.compile(p) for p in (
    rf"/api/sessions/(logout|{ID})", r"/api/resources", rf"/api/resources/{ID}(/import)?", r"/api/users", r"/api/courses",
    rf"/api/users/{ID}/(imports|updates|favorites|profile)", rf"/api/users/{ID}/updates/{ID}(/ignore)?",
    rf"/api/users/{ID}/favorites/{ID}",
)]
BAD_IDS = ["..%2F", "..", "%2e%2e", "a%3Fb", "a%23b", "a%2Fb", "a%20b", "a%00b", "a%0Ab", "x" * 10_240, "%C3%A9t%C3%A9",
           "%252e%252e", "a;b", "a%5Cb"]
RAW = ["../x", "..", "%2e%2e", "a?b", "a#b", "a/b", "a b", "a\x00b", "a\nb", "x" * 10_240, "été", "", "²"]
BIG = "q" * 10_240
ODD_QUERY = f"?q={BIG}&cursor={BIG}&start={BIG}&type={BIG}&types={BIG}&sort={BIG}&view={BIG}&focus={BIG}&next={BIG}"
SIGNED_IN = [name for name, route in SAMPLES.items() if not route.public]


@pytest.fixture
def upstream(settings):
    server = HostileUpstream()
    settings.LOR_BASE_URL = server.url
    yield server
    server.stop()


@pytest.fixture
def user(client, upstream, db, monkeypatch):
    monkeypatch.setattr(throttle, "PER_CLIENT", 10_000)  # odd sign-ins by the hundred: not what is tested here
    monkeypatch.setattr(throttle, "PER_SECRET", 10_000)
    assert client.post("/signin/", {"session_id": "anything"}).status_code == 302
    return client


def check(response, what):
    assert response.status_code < 500, f"{what} -> {response.status_code}"


def send(client, name: str, path: str, data: dict | None = None):
    """Each way the route is used: GET (plain and htmx) and POST, as its samples say."""
    route = SAMPLES[name]
    if route.gets:
        check(client.get(path), path)
        check(client.get(path, headers=HTMX), path)
    if route.post is not None:
        check(client.post(path, route.post if data is None else data), path)
        check(client.post(path, route.post if data is None else data, headers=HTMX), path)


def only_contract_routes(upstream) -> None:
    for seen in upstream.paths:
        path = seen.split("?")[0]
        assert any(route.fullmatch(path) for route in ROUTES), f"unexpected upstream path {seen[:200]}"


@pytest.mark.django_db
class BadInputTests:
    @pytest.mark.parametrize("name", with_path_args())
    def test_odd_ids_in_paths(self, user, upstream, name):
        for bad in BAD_IDS:
            send(user, name, path_of(name, **{arg: bad for arg in SAMPLES[name].args}))
        only_contract_routes(upstream)

    @pytest.mark.parametrize("name", [n for n in SAMPLES if SAMPLES[n].post])
    def test_odd_values_in_every_form_field(self, user, upstream, name):
        for field in SAMPLES[name].post:
            for bad in RAW:
                check(user.post(path_of(name), {**SAMPLES[name].post, field: bad}), f"{name} {field}={bad[:20]!r}")
                check(user.post(path_of(name), {**SAMPLES[name].post, field: [bad, bad, "hostile1"]}), f"{name} {field} repeated")
            check(user.post(path_of(name), {k: v for k, v in SAMPLES[name].post.items() if k != field}), f"{name} no {field}")
            assert user.post("/signin/", {"session_id": "anything"}).status_code == 302  # signed in again after sign-out
        only_contract_routes(upstream)

    @pytest.mark.parametrize("name", [n for n in SIGNED_IN if SAMPLES[n].gets])
    def test_odd_and_huge_query_parameters(self, user, upstream, name):
        check(user.get(path_of(name) + ODD_QUERY), name)
        check(user.get(path_of(name) + ODD_QUERY, headers=HTMX), name)
        check(user.get(path_of(name) + "?q=a&q=b&type=x&type=y&view=courses&view=x&start=1&start=²"), name)
        only_contract_routes(upstream)

    @pytest.mark.parametrize("name", [n for n in SIGNED_IN if SAMPLES[n].post is not None])
    def test_an_empty_form(self, user, upstream, name):
        check(user.post(path_of(name), {}), name)
        check(user.post(path_of(name), {}, headers=HTMX), name)
        only_contract_routes(upstream)
