from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "lor_dashboard.ops"
