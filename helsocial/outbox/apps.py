from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "helsocial.outbox"
    label = "outbox"
