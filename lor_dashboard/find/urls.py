from django.urls import path

from . import views

urlpatterns = [
    path("resources/", views.resource_search, name="find"),
    path("resources/<lorid:resource_id>/", views.resource_detail, name="resource_detail"),
    path("resources/<lorid:resource_id>/import/", views.resource_import, name="resource_import"),
]
