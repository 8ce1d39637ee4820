from django.apps import AppConfig


class CalendarBookingConfig(AppConfig):
    name = "calendar_booking"
