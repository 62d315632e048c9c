from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "lor_dashboard.imports"
