from django.urls import path

from . import views

urlpatterns = [
    path("users/", views.user_search, name="users"),
    path("users.csv", views.user_csv, name="users_csv"),
    path("users/<lorid:user_id>/profile/", views.profile, name="profile"),
]
