from django.urls import path

from . import views

urlpatterns = [
    path("updates/", views.update_list, name="updates"),
    path("updates/bulk/", views.update_bulk, name="update_bulk"),
    path("updates/<lorid:resource_id>/", views.update_detail, name="update_detail"),
    path("updates/<lorid:resource_id>/ignore/", views.update_ignore, name="update_ignore"),
    path("updates/<lorid:resource_id>/apply/", views.update_apply, name="update_apply"),
]
