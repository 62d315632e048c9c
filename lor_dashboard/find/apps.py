from django.apps import AppConfig


class FindConfig(AppConfig):
    name = "lor_dashboard.find"
