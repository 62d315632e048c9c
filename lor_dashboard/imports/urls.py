from django.urls import path

from . import views

urlpatterns = [path("imports/", views.import_list, name="imports")]
