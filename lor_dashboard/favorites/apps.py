from django.apps import AppConfig


class FavoritesConfig(AppConfig):
    name = "lor_dashboard.favorites"
