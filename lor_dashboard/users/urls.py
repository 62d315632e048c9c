from django.urls import path

from . import views

app_name = "users"

urlpatterns = [
    path("", views.user_search, name="search"),
    path("users.csv", views.user_csv, name="csv"),
    path("<lorid:user_id>/profile/", views.profile, name="profile"),
]
