from django.urls import path

from . import views

app_name = "find"

urlpatterns = [
    path("resources/", views.resource_search, name="search"),
    path("resources/<lorid:resource_id>/", views.resource_detail, name="detail"),
    path("resources/<lorid:resource_id>/import/", views.resource_import, name="import"),
]
