"""Sign-in and renewal numbers for Prometheus."""
from __future__ import annotations

from prometheus_client import Counter

RENEWALS = Counter("dashboard_session_renewals_total", "Commons sessions renewed from a Canvas grant", ["outcome"])
CANVAS_SIGNINS = Counter("dashboard_canvas_signins_total", "Sign-ins with Canvas", ["outcome"])
