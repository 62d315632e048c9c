"""A cookie policy that keeps nothing: an upstream must not plant state in a shared HTTP session."""
from __future__ import annotations

import http.cookiejar


class RefuseAllCookies(http.cookiejar.DefaultCookiePolicy):
    def set_ok(self, cookie, request):
        return False

    def return_ok(self, cookie, request):
        return False
