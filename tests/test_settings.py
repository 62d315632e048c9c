"""Production settings: the deploy check passes, unsafe values refuse to start."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .servers import ROOT

PRODUCTION = {
    "DJANGO_PRODUCTION": "true",
    "DJANGO_SECRET_KEY": "k3y-" + "x9Qp2Lm7Zr4Tv8Wb1Nc6Hd0Fs5Jg3Yk" * 2,
    "DJANGO_ALLOWED_HOSTS": "dashboard.district.example",
    "LOR_BASE_URL": "https://lor.instructure.com",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "LOR_"))}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=60)


class DeploySettingsTests:
    def test_check_deploy_passes_with_production_values(self):
        result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
        assert result.returncode == 0, result.stdout + result.stderr

    def test_behind_a_tls_proxy_without_redirect_still_passes(self):
        result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION,
                        DJANGO_BEHIND_TLS_PROXY="true", DJANGO_SECURE_SSL_REDIRECT="false")
        assert result.returncode == 0, result.stdout + result.stderr

    def test_demo_settings_would_fail_the_deploy_check(self):
        assert manage("check", "--deploy", "--fail-level", "WARNING").returncode != 0

    @pytest.mark.parametrize("override, message", [
        ({"DJANGO_SECRET_KEY": "insecure-local-demo-key-change-me-in-production"}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": ""}, "DJANGO_SECRET_KEY"),
        ({"LOR_BASE_URL": "http://lor.instructure.com"}, "https://"),
        ({"DJANGO_DEBUG": "true"}, "DJANGO_DEBUG"),
    ])
    def test_production_refuses_unsafe_values(self, override, message):
        env = {**PRODUCTION, **override}
        if env["DJANGO_SECRET_KEY"] == "":
            del env["DJANGO_SECRET_KEY"]
        result = manage("check", **env)
        assert result.returncode != 0
        assert message in result.stderr

    def test_http_upstream_on_loopback_is_allowed(self):
        assert manage("check", **{**PRODUCTION, "LOR_BASE_URL": "http://127.0.0.1:8001"}).returncode == 0


def setting(expression: str, **env: str) -> str:
    result = manage("shell", "-c", f"from django.conf import settings; print({expression})", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]  # after "N objects imported automatically"


class FramingTests:
    """Framed only by the configured Canvas (LTI); by nobody when LTI is off."""

    def test_without_lti_no_page_can_be_framed(self):
        assert setting("settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['frame-ancestors']") == "[\"'none'\"]"

    def test_without_lti_x_frame_options_is_sent(self):
        assert setting("'django.middleware.clickjacking.XFrameOptionsMiddleware' in settings.MIDDLEWARE") == "True"

    def test_with_lti_only_the_canvas_origins_may_frame(self):
        value = setting("settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['frame-ancestors']",
                        LTI_CANVAS_ORIGINS="https://school.instructure.com/,https://sso.canvaslms.com")
        assert value == "['https://school.instructure.com', 'https://sso.canvaslms.com']"

    def test_with_lti_x_frame_options_gives_way(self):
        value = setting("'django.middleware.clickjacking.XFrameOptionsMiddleware' in settings.MIDDLEWARE",
                        LTI_CANVAS_ORIGINS="https://school.instructure.com")
        assert value == "False"

    def test_with_lti_in_production_cookies_are_samesite_none(self):
        value = setting("(settings.SESSION_COOKIE_SAMESITE, settings.CSRF_COOKIE_SAMESITE)", **PRODUCTION,
                        LTI_CANVAS_ORIGINS="https://school.instructure.com")
        assert value == "('None', 'None')"

    def test_with_lti_on_plain_http_cookies_stay_lax(self):
        value = setting("settings.SESSION_COOKIE_SAMESITE", LTI_CANVAS_ORIGINS="http://127.0.0.1:8001")
        assert value == "Lax"

    def test_an_origin_with_a_path_is_refused(self):
        result = manage("check", LTI_CANVAS_ORIGINS="https://school.instructure.com/courses")
        assert "LTI_CANVAS_ORIGINS" in result.stderr

    def test_lti_in_production_passes_the_deploy_check(self):
        result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION,
                        LTI_CANVAS_ORIGINS="https://school.instructure.com")
        assert result.returncode == 0, result.stdout + result.stderr
