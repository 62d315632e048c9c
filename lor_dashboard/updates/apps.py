from django.apps import AppConfig


class UpdatesConfig(AppConfig):
    name = "lor_dashboard.updates"
