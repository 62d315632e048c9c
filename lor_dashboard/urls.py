from django.urls import include, path, register_converter

from lor_dashboard.core.converters import LORIdConverter

register_converter(LORIdConverter, "lorid")

urlpatterns = [
    path("", include("lor_dashboard.overview.urls")),
    path("", include("lor_dashboard.accounts.urls")),
    path("", include("lor_dashboard.favorites.urls")),
    path("", include("lor_dashboard.find.urls")),
    path("", include("lor_dashboard.imports.urls")),
    path("", include("lor_dashboard.people.urls")),
    path("", include("lor_dashboard.updates.urls")),
    path("", include("lor_dashboard.ops.urls")),
]

handler500 = "lor_dashboard.ops.views.server_error"
