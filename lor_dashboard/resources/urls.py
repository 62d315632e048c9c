from django.urls import path

from . import views

app_name = "resources"

urlpatterns = [
    path("", views.resource_search, name="search"),
    path("<lorid:resource_id>/", views.resource_detail, name="detail"),
    path("<lorid:resource_id>/import/", views.resource_import, name="import"),
]
