"""The write paths run a pinned number of queries, so no loop of queries creeps back into them.

Each count starts from a person whose roles are not yet read, as at the start of a request, and
covers the whole action: the checks under the row locks, the writes, the log and the mail rows.
The rule checks read the affected days once, whatever the number of slots, and the free-time search
of a displaced slot reads each day it looks at once (it was two queries per slot and per candidate
time: 14 queries for one slot, 28 for eight, 41 and 66 for the two displacements below).
"""

from datetime import timedelta

import pytest
from django.urls import reverse

from accounts.models import User
from calendar_booking.models import Booking, BookingSlot, Category, Status
from calendar_booking.services.bookings import booking_cancel, booking_update
from calendar_booking.services.slots import booking_move
from tests.factories import SocialAccountFactory

from .helpers import LONG_AGO, at, book

pytestmark = pytest.mark.django_db


def fresh(user: User) -> User:
    """The person as a new request sees them: no roles read yet."""
    return User.objects.get(pk=user.pk)


def test_booking_one_slot(communicator, administration, citywide_account, rule, django_assert_num_queries):
    by = fresh(communicator)
    with django_assert_num_queries(9):
        book(by, administration, (citywide_account, "2026-11-25 10:00"))
    assert BookingSlot.objects.count() == 1


def test_booking_eight_slots(communicator, administration, city_administration, django_assert_num_queries):
    accounts = SocialAccountFactory.create_batch(8, administration=city_administration, is_citywide=True)
    by = fresh(communicator)
    with django_assert_num_queries(9):
        book(by, administration, *[(account, "2026-11-25 10:00") for account in accounts])
    assert BookingSlot.objects.count() == 8


def test_a_crisis_displacing_one_slot_to_later_that_day(
    akn_user,
    communicator,
    administration,
    city_administration,
    citywide_account,
    rule,
    django_assert_num_queries,
):
    planned = book(communicator, administration, (citywide_account, "2026-11-25 10:00"))
    book(communicator, administration, (citywide_account, "2026-11-25 14:00"))
    by = fresh(akn_user)
    with django_assert_num_queries(20):
        book(
            by,
            city_administration,
            (citywide_account, "2026-11-25 10:30"),
            crisis_override=True,
            category=Category.CIVIC_CRISIS,
        )
    assert planned.slots.get().starts_at == at("2026-11-25 16:00")


def test_a_crisis_displacing_one_slot_to_the_next_day(
    akn_user,
    communicator,
    administration,
    city_administration,
    citywide_account,
    rule,
    django_assert_num_queries,
):
    # The crisis post fills the day (three a day): the displaced post searches the rest of the
    # day and finds its time the next morning.
    planned = book(communicator, administration, (citywide_account, "2026-11-25 10:00"))
    book(communicator, administration, (citywide_account, "2026-11-25 14:00"))
    book(communicator, administration, (citywide_account, "2026-11-25 17:00"))
    by = fresh(akn_user)
    with django_assert_num_queries(21):
        book(
            by,
            city_administration,
            (citywide_account, "2026-11-25 10:00"),
            crisis_override=True,
            category=Category.CIVIC_CRISIS,
        )
    assert planned.slots.get().starts_at == at("2026-11-26 07:00")


def test_moving_a_slot(communicator, administration, citywide_account, rule, django_assert_num_queries):
    slot = book(communicator, administration, (citywide_account, "2026-11-26 10:00")).slots.get()
    by = fresh(communicator)
    with django_assert_num_queries(9):
        booking_move(slot=slot, by=by, starts_at=at("2026-11-26 12:00"), now=LONG_AGO)
    slot.refresh_from_db()
    assert slot.starts_at == at("2026-11-26 12:00")


def test_editing_a_booking_and_rechecking_charged_content(
    communicator, administration, citywide_account, rule, django_assert_num_queries
):
    booking = book(communicator, administration, (citywide_account, "2026-11-25 10:00"))
    by = fresh(communicator)
    with django_assert_num_queries(8):
        booking_update(booking=booking, by=by, fields={"title": "Ny rubrik", "is_charged": True})
    assert Booking.objects.get().title == "Ny rubrik"


def test_cancelling_a_booking(
    communicator, administration, citywide_account, rule, django_assert_num_queries
):
    booking = book(
        communicator,
        administration,
        (citywide_account, "2026-11-25 10:00"),
        (citywide_account, "2026-11-26 10:00"),
    )
    by = fresh(communicator)
    with django_assert_num_queries(8):
        booking_cancel(booking=booking, by=by)
    assert set(BookingSlot.objects.values_list("status", flat=True)) == {Status.CANCELLED}


def test_booking_one_slot_through_the_page(
    communicator_client, administration, citywide_account, rule, django_assert_num_queries
):
    start = at(f"{LONG_AGO.date() + timedelta(days=365)} 10:00")
    data = {
        "administration": administration.pk,
        "title": "Simskola",
        "draft_text": "Anmäl dig!",
        "objective": "inform",
        "category": "tips",
        "target_group": "Föräldrar",
        "media_type": "text",
        "slot0-account": citywide_account.pk,
        "slot0-starts_at": start.strftime("%Y-%m-%dT%H:%M"),
    }
    with django_assert_num_queries(13):
        response = communicator_client.post(reverse("calendar_booking:booking-create"), data)
    assert response.status_code == 302
