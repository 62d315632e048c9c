from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lor_dashboard.core"
