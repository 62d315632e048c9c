"""The safety suites cover every route: each one in the URLconf has samples in ``tests/routes.py``."""
from __future__ import annotations

from django.urls import get_resolver

from .routes import SAMPLES, path_of, url_patterns


class RouteSamplesTests:
    def test_every_route_has_samples(self):
        missing = {name for name, _ in url_patterns()} - set(SAMPLES)
        assert missing == set(), f"add samples for {sorted(missing)} to tests/routes.py"

    def test_no_samples_for_routes_that_are_gone(self):
        assert set(SAMPLES) - {name for name, _ in url_patterns()} == set()

    def test_every_route_is_sampled_somehow(self):
        assert [name for name, route in SAMPLES.items() if not route.gets and route.post is None] == []

    def test_the_samples_say_which_views_are_open_as_the_views_do(self):
        resolver = get_resolver()
        marked = {name: getattr(resolver.resolve(path_of(name)).func, "lor_public", False) for name in SAMPLES}
        assert {n for n, public in marked.items() if public} == {n for n, r in SAMPLES.items() if r.public}
