from django.urls import include, path

from lor_dashboard.core import views as core

urlpatterns = [
    path("", core.home, name="home"),
    path("", include("lor_dashboard.accounts.urls")),
    path("healthz", core.healthz, name="healthz"),
    path("favorites/", core.coming_soon, {"title": "Favorites"}, name="favorites"),
    path("imports/", core.coming_soon, {"title": "Imports"}, name="imports"),
    path("updates/", core.coming_soon, {"title": "Updates"}, name="updates"),
    path("users/", core.coming_soon, {"title": "Users"}, name="users"),
]
