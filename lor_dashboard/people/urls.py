from django.urls import path

from . import views

urlpatterns = [path("users/<lorid:user_id>/profile/", views.profile, name="profile")]
