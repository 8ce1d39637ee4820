from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"

    def ready(self) -> None:
        # The start page's counts (accounts/start.py): registered here so that the accounts app,
        # the floor below, never imports this one.
        from . import start  # noqa: F401
