from django.urls import include, path, register_converter

from lor_dashboard.core import views as core
from lor_dashboard.core.converters import LORIdConverter

register_converter(LORIdConverter, "lorid")

urlpatterns = [
    path("", core.home, name="home"),
    path("", include("lor_dashboard.accounts.urls")),
    path("", include("lor_dashboard.favorites.urls")),
    path("", include("lor_dashboard.imports.urls")),
    path("", include("lor_dashboard.people.urls")),
    path("healthz", core.healthz, name="healthz"),
    path("updates/", core.coming_soon, {"title": "Updates"}, name="updates"),
    path("updates/<lorid:resource_id>/", core.coming_soon, {"title": "Update"}, name="update_detail"),
    path("users/", core.coming_soon, {"title": "Users"}, name="users"),
]
