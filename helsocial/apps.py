from django.apps import AppConfig


class HelsocialConfig(AppConfig):
    name = "helsocial"
    verbose_name = "Helsocial"
