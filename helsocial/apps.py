from django.apps import AppConfig


class HelsocialConfig(AppConfig):
    name = "helsocial"
    verbose_name = "Helsocial"

    def ready(self) -> None:
        from django.urls import register_converter

        from .dates import MonthConverter, WeekConverter, YearConverter

        # `<year:year>/<week:week>/` in the apps' URL patterns: a year, week or month outside what
        # the calendar arithmetic handles does not match, so it is a 404 and never reaches a view.
        register_converter(YearConverter, "year")
        register_converter(MonthConverter, "month")
        register_converter(WeekConverter, "week")
