from django.urls import path

from . import lti_views, views

app_name = "accounts"
urlpatterns = [
    path("signin/", views.signin, name="signin"),
    path("signin/canvas/", views.canvas_start, name="canvas_start"),
    path("signin/canvas/callback/", views.canvas_callback, name="canvas_callback"),
    path("signin/token/", views.token_signin, name="token_signin"),
    path("signout/", views.signout, name="signout"),
    path("language/", views.choose_language, name="language"),
    # Opened from Canvas (LTI 1.3)
    path(".well-known/jwks.json", lti_views.jwks, name="lti_jwks"),
    path("lti/config.json", lti_views.config, name="lti_config"),
    path("lti/login/", lti_views.login, name="lti_login"),
    path("lti/login/<uuid:registration_uuid>/", lti_views.login, name="lti_login_for"),
    path("lti/launch/", lti_views.launch, name="lti_launch"),
    path("lti/connect/", lti_views.connect, name="lti_connect"),
]
