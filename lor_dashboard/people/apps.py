from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "lor_dashboard.people"
