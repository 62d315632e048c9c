from django.urls import path

from . import views

app_name = "updates"

urlpatterns = [
    path("", views.update_list, name="list"),
    path("bulk/", views.update_bulk, name="bulk"),
    path("<lorid:resource_id>/", views.update_detail, name="detail"),
    path("<lorid:resource_id>/ignore/", views.update_ignore, name="ignore"),
    path("<lorid:resource_id>/apply/", views.update_apply, name="apply"),
]
