from django.urls import include, path, register_converter

from lor_dashboard.core.converters import LORIdConverter

register_converter(LORIdConverter, "lorid")

urlpatterns = [
    path("", include("lor_dashboard.overview.urls")),
    # At the root: sign-in and sign-out, the language menu, and what Canvas fetches by fixed name
    # (/.well-known/jwks.json, /lti/...).
    path("", include("lor_dashboard.accounts.urls")),
    path("favorites/", include("lor_dashboard.favorites.urls")),
    path("resources/", include("lor_dashboard.resources.urls")),
    path("imports/", include("lor_dashboard.imports.urls")),
    path("users/", include("lor_dashboard.users.urls")),
    path("updates/", include("lor_dashboard.updates.urls")),
    # At the root, where probes and scrapers look: /healthz, /readyz, /metrics.
    path("", include("lor_dashboard.ops.urls")),
]

handler500 = "lor_dashboard.ops.views.server_error"
