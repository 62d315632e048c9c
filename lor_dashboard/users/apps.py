from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "lor_dashboard.users"
