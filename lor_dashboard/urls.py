from django.urls import include, path, register_converter

from lor_dashboard.core.converters import LORIdConverter
from lor_dashboard.ops import views as ops

register_converter(LORIdConverter, "lorid")

urlpatterns = [
    path("", include("lor_dashboard.overview.urls")),
    path("", include("lor_dashboard.accounts.urls")),
    path("", include("lor_dashboard.favorites.urls")),
    path("", include("lor_dashboard.find.urls")),
    path("", include("lor_dashboard.imports.urls")),
    path("", include("lor_dashboard.people.urls")),
    path("", include("lor_dashboard.updates.urls")),
    path("healthz", ops.healthz, name="healthz"),
    path("readyz", ops.readyz, name="readyz"),
    path("metrics", ops.metrics, name="metrics"),
]

handler500 = "lor_dashboard.ops.views.server_error"
