from django.urls import path

from . import views

urlpatterns = [
    path("favorites/", views.favorite_list, name="favorites"),
    path("favorites.csv", views.favorite_csv, name="favorites_csv"),
    path("favorites/add/", views.favorite_add, name="favorite_add"),
    path("favorites/remove/", views.favorite_remove_selected, name="favorite_remove_selected"),
    path("favorites/undo/", views.favorite_undo, name="favorite_undo"),
    path("favorites/<lorid:resource_id>/remove/", views.favorite_remove, name="favorite_remove"),
    path("favorites/<lorid:resource_id>/star/", views.favorite_star, name="favorite_star"),
]
