from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "lor_dashboard.accounts"
