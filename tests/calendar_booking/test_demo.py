"""seed_demo's calendar: a month of bookings around today, twice without duplicates."""

import itertools

import pytest
from django.core.management import call_command
from django.utils import timezone

from calendar_booking.models import Booking, BookingSlot, ChannelRule, KcAgreement, Status

pytestmark = pytest.mark.django_db


def test_seed_demo_books_a_month_around_today_and_is_idempotent():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    bookings = Booking.objects.count()
    slots = list(BookingSlot.objects.order_by("account_id", "starts_at"))
    assert bookings >= 20
    today = timezone.localdate()
    days = {s.starts_at.astimezone(timezone.get_current_timezone()).date() for s in slots}
    assert min(days) < today < max(days)
    assert (max(days) - min(days)).days >= 28
    assert {s.status for s in slots} >= {Status.PUBLISHED, Status.PLANNED, Status.MISSED}
    assert ChannelRule.objects.count() == 3 and KcAgreement.objects.count() == 1
    for account_id, group in itertools.groupby(slots, key=lambda s: s.account_id):
        ordered = list(group)
        for earlier, later in itertools.pairwise(ordered):
            assert earlier.blocked_until <= later.starts_at, (account_id, earlier, later)
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Booking.objects.count() == bookings
    assert BookingSlot.objects.count() == len(slots)
