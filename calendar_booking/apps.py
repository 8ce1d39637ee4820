from django.apps import AppConfig


class CalendarBookingConfig(AppConfig):
    name = "calendar_booking"

    def ready(self) -> None:
        # The start page's counts (accounts/start.py): registered here so that the accounts app,
        # the floor below, never imports this one.
        from . import start  # noqa: F401
