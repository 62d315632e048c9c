from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "lor_dashboard.resources"
