from django.urls import path

from . import views

app_name = "favorites"

urlpatterns = [
    path("favorites/", views.favorite_list, name="list"),
    path("favorites.csv", views.favorite_csv, name="csv"),
    path("favorites/add/", views.favorite_add, name="add"),
    path("favorites/remove/", views.favorite_remove_selected, name="remove_selected"),
    path("favorites/undo/", views.favorite_undo, name="undo"),
    path("favorites/<lorid:resource_id>/remove/", views.favorite_remove, name="remove"),
    path("favorites/<lorid:resource_id>/star/", views.favorite_star, name="star"),
]
