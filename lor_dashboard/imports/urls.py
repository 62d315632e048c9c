from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [path("imports/", views.import_list, name="list")]
