from django.urls import path

from . import views

app_name = "updates"

urlpatterns = [
    path("updates/", views.update_list, name="list"),
    path("updates/bulk/", views.update_bulk, name="bulk"),
    path("updates/<lorid:resource_id>/", views.update_detail, name="detail"),
    path("updates/<lorid:resource_id>/ignore/", views.update_ignore, name="ignore"),
    path("updates/<lorid:resource_id>/apply/", views.update_apply, name="apply"),
]
