"""The month page's cells, read in the database: the day's first bookings, how many more the
filters show, and how many slots are taken on the shown accounts whatever the filters."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from calendar_booking.models import BookingSlot, Category, Status
from tests.factories import SocialAccountFactory

from .helpers import book

pytestmark = pytest.mark.django_db


@pytest.fixture
def day():
    # A Wednesday in the coming weeks, so the times are bookable whenever the suite runs.
    day = timezone.localdate() + timedelta(days=14)
    while day.weekday() != 2:
        day += timedelta(days=1)
    return day


def _cell(response, day):
    assert response.status_code == 200
    return next(cell for week in response.context["weeks"] for cell in week if cell["day"] == day)


def test_month_cells_show_the_first_bookings_the_rest_counted(
    communicator_client, communicator, administration, city_administration, citywide_account, instagram, day
):
    titles = {}
    for n, (account, hour) in enumerate(
        [
            (citywide_account, 8),
            (instagram, 9),
            (citywide_account, 11),
            (instagram, 12),
            (citywide_account, 14),
            (instagram, 15),
        ]
    ):
        category = Category.CIVIC_CRISIS if n in (1, 4) else Category.TIPS
        booking = book(
            communicator,
            administration,
            (account, f"{day} {hour:02d}:00"),
            title=f"Bokning {n}",
            category=category,
        )
        titles[n] = booking.title
    # A cancelled booking frees its time: neither counted nor shown.
    linkedin = SocialAccountFactory(administration=city_administration, is_citywide=True, platform="linkedin")
    cancelled = book(communicator, administration, (linkedin, f"{day} 07:00"), title="Inställd")
    BookingSlot.objects.filter(booking=cancelled).update(status=Status.CANCELLED)
    # The next day's booking stays in the next day's cell.
    book(
        communicator, administration, (citywide_account, f"{day + timedelta(days=1)} 08:00"), title="I morgon"
    )
    url = reverse("calendar_booking:calendar-month", args=[day.year, day.month])

    cell = _cell(communicator_client.get(url), day)
    assert [s.title for s in cell["slot_views"]] == [titles[0], titles[1], titles[2], titles[3]]
    assert cell["taken"] == 6
    assert cell["more"] == 2
    next_cell = _cell(communicator_client.get(url), day + timedelta(days=1))
    assert [s.title for s in next_cell["slot_views"]] == ["I morgon"]
    assert next_cell["taken"] == 1 and next_cell["more"] == 0

    # The filters hide bookings but not the taken times.
    cell = _cell(communicator_client.get(url, {"category": Category.TIPS}), day)
    assert [s.title for s in cell["slot_views"]] == [titles[0], titles[2], titles[3], titles[5]]
    assert cell["taken"] == 6
    assert cell["more"] == 0
    cell = _cell(communicator_client.get(url, {"category": Category.CIVIC_CRISIS}), day)
    assert [s.title for s in cell["slot_views"]] == [titles[1], titles[4]]
    assert cell["taken"] == 6 and cell["more"] == 0
