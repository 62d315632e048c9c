"""Browser-side guarantees: CSP header, no-store for signed-in pages, CSRF on every POST."""
from __future__ import annotations

import pytest
from django.test import Client

from .conftest import body
from .helpers import element
from .routes import SAMPLES, csrf_exempt_names, pages, path_of, posts

POSTS = posts(csrf_checked=True)
SIGNED_IN_GETS = [path_of(name) + query for name, route in SAMPLES.items() if not route.public for query in route.gets]


@pytest.mark.django_db
class HeaderTests:
    @pytest.mark.parametrize("path", pages(signed_in=True) + pages(signed_in=False))
    def test_csp_on_every_html_page(self, teacher, sandbox, path):
        csp = teacher.get(path)["Content-Security-Policy"]
        for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'",
                          "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"):
            assert directive in csp
        assert "unsafe-inline" not in csp
        assert "unsafe-eval" not in csp

    @pytest.mark.parametrize("path", SIGNED_IN_GETS)
    def test_signed_in_pages_are_not_stored(self, teacher, sandbox, path):
        assert "no-store" in teacher.get(path)["Cache-Control"]

    def test_htmx_never_keeps_pages_in_its_history_cache(self, teacher, sandbox):
        html = body(teacher.get("/favorites/"))
        assert element(html, "body").attrs["hx-history"] == "false"
        assert '"historyCacheSize": 0' in html
        assert '"allowEval": false' in html
        assert '"includeIndicatorStyles": false' in html
        assert "hx-on" not in html


@pytest.mark.django_db
class CsrfTests:
    def test_only_the_lti_platforms_posts_skip_the_csrf_check(self):
        # The platform form-posts these (no token of ours); state, signature and nonce are their check.
        assert csrf_exempt_names() == {"accounts:lti_login", "accounts:lti_login_for", "accounts:lti_launch"}

    @pytest.mark.parametrize("path", POSTS)
    def test_every_post_needs_the_csrf_token(self, sandbox, path):
        strict = Client(enforce_csrf_checks=True)
        strict.post("/signin/", {"session_id": "demo-teacher"})  # refused too, so sign in the lenient way
        lenient = Client()
        assert lenient.post("/signin/", {"session_id": "demo-teacher"}).status_code == 302
        strict.cookies = lenient.cookies
        refused = strict.post(path, {"session_id": "demo-teacher", "resource_id": "abc"})
        assert refused.status_code == 403

    @pytest.mark.parametrize("path", POSTS)
    def test_the_refusal_is_the_csrf_check(self, sandbox, path):
        """Not an upstream 403 that happens to share the status."""
        strict = Client(enforce_csrf_checks=True)
        lenient = Client()
        lenient.post("/signin/", {"session_id": "demo-teacher"})
        strict.cookies = lenient.cookies
        refused = strict.post(path, {"session_id": "demo-teacher", "resource_id": "abc"})
        assert "CSRF verification failed" in body(refused)


@pytest.mark.django_db
class RequestLogTests:
    def test_one_line_per_request_with_upstream_time_and_no_session_id(self, teacher, sandbox, caplog):
        with caplog.at_level("INFO", logger="lor_dashboard.requests"):
            teacher.get("/?secret=x")
        lines = [r.getMessage() for r in caplog.records if r.name == "lor_dashboard.requests"]
        assert len(lines) == 1
        assert lines[0].startswith("GET / 200 ")
        assert "calls=3" in lines[0]  # three upstream calls, in parallel
        assert "demo-teacher" not in lines[0]
        assert "secret" not in lines[0]
