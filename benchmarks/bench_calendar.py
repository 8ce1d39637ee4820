"""The publishing calendar at size S and L against the framework floor (quality.md bars 1 and 2).

The current month and week (the pages people open), the list of coming bookings and the empty
booking form, as a communicator; the month and week also as AKN, whose filters offer every
förvaltning and account.
"""

from __future__ import annotations

from . import datagen, harness


def pages() -> list[harness.Page]:
    from django.urls import reverse
    from django.utils import timezone

    today = timezone.localdate()
    year, week, _weekday = today.isocalendar()
    month = reverse("calendar_booking:calendar-month", args=[today.year, today.month])
    week_url = reverse("calendar_booking:calendar-week", args=[year, week])
    communicator = datagen.communicator_username(1, 1)
    return [
        harness.Page("calendar month (communicator)", communicator, month),
        harness.Page("calendar week (communicator)", communicator, week_url),
        harness.Page("booking list (communicator)", communicator, reverse("calendar_booking:booking-list")),
        harness.Page("booking form (communicator)", communicator, reverse("calendar_booking:booking-create")),
        harness.Page("calendar month (AKN)", datagen.AKN_USERNAME, month),
        harness.Page("calendar week (AKN)", datagen.AKN_USERNAME, week_url),
    ]


def main() -> None:
    harness.setup()
    harness.report(harness.compare(pages(), floor_user=datagen.AKN_USERNAME), title="bench_calendar")


if __name__ == "__main__":
    main()
