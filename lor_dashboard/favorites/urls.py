from django.urls import path

from . import views

app_name = "favorites"

urlpatterns = [
    path("", views.favorite_list, name="list"),
    path("favorites.csv", views.favorite_csv, name="csv"),
    path("add/", views.favorite_add, name="add"),
    path("remove/", views.favorite_remove_selected, name="remove_selected"),
    path("undo/", views.favorite_undo, name="undo"),
    path("<lorid:resource_id>/remove/", views.favorite_remove, name="remove"),
    path("<lorid:resource_id>/star/", views.favorite_star, name="star"),
]
