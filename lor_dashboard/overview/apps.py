from django.apps import AppConfig


class OverviewConfig(AppConfig):
    name = "lor_dashboard.overview"
