from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("users/", views.user_search, name="search"),
    path("users.csv", views.user_csv, name="csv"),
    path("users/<lorid:user_id>/profile/", views.profile, name="profile"),
]
