from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("signin/", views.signin, name="signin"),
    path("signin/canvas/", views.canvas_start, name="canvas_start"),
    path("signin/canvas/callback/", views.canvas_callback, name="canvas_callback"),
    path("signin/token/", views.token_signin, name="token_signin"),
    path("signout/", views.signout, name="signout"),
]
