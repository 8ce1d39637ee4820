"""Reliability bar 1: 50 concurrent attempts on one slot, each on its own database connection."""

import itertools
import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from accounts.models import SocialAccount, User
from calendar_booking.models import Booking, BookingSlot, ChannelRule
from calendar_booking.services.bookings import SlotTime, booking_create
from calendar_booking.services.slots import insert_slots

from .helpers import at, fields

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 50


def race(user_pk: int, administration, account_pk: int, starts) -> tuple[int, list[ValidationError]]:
    """Run booking_create in THREADS threads released at once; returns (successes, errors)."""
    barrier = threading.Barrier(THREADS)
    lock = threading.Lock()
    wins: list[int] = []
    errors: list[ValidationError] = []
    crashes: list[BaseException] = []

    def attempt(index: int) -> None:
        try:
            user = User.objects.get(pk=user_pk)
            account = SocialAccount.objects.get(pk=account_pk)
            barrier.wait(timeout=30)
            booking = booking_create(
                by=user,
                administration=administration,
                times=[SlotTime(account=account, starts_at=starts(index))],
                fields=fields(title=f"Försök {index}"),
                now=at("2026-01-01 00:00"),
            )
            with lock:
                wins.append(booking.pk)
        except ValidationError as exc:
            with lock:
                errors.append(exc)
        except BaseException as exc:  # anything else is a failure of the test, reported below
            with lock:
                crashes.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not crashes, crashes[:3]
    return len(wins), errors


def assert_no_overlap(account_pk: int) -> None:
    slots = list(BookingSlot.objects.live().filter(account_id=account_pk).order_by("starts_at"))
    for earlier, later in itertools.pairwise(slots):
        assert earlier.blocked_until <= later.starts_at, (earlier, later)


def test_fifty_attempts_at_one_slot_one_wins(communicator, administration, citywide_account, rule):
    wins, errors = race(
        communicator.pk, administration, citywide_account.pk, lambda i: at("2026-11-25 10:00")
    )
    assert wins == 1
    assert len(errors) == THREADS - 1
    for exc in errors:
        assert [e.code for e in exc.error_list] == ["slot_taken"]
        assert "Helsingborgs stad" in exc.messages[0]
    assert BookingSlot.objects.filter(account=citywide_account).count() == 1
    assert Booking.objects.count() == 1
    assert_no_overlap(citywide_account.pk)


def test_fifty_attempts_at_different_times_keep_the_per_day_cap(
    communicator, administration, citywide_account
):
    ChannelRule.objects.create(
        account=citywide_account, slot_minutes=10, min_gap_minutes=0, max_posts_per_day=3
    )
    first = at("2026-11-25 08:00")
    wins, errors = race(
        communicator.pk, administration, citywide_account.pk, lambda i: first + timedelta(minutes=10 * i)
    )
    assert wins == 3
    assert len(errors) == THREADS - 3
    assert {e.code for exc in errors for e in exc.error_list} == {"day_full"}
    assert BookingSlot.objects.filter(account=citywide_account).count() == 3
    assert_no_overlap(citywide_account.pk)


def test_the_exclusion_constraint_becomes_a_clear_message(
    communicator, administration, citywide_account, rule
):
    # What a write that skipped the locked check would meet: the database refuses it.
    booking_create(
        by=communicator,
        administration=administration,
        times=[SlotTime(account=citywide_account, starts_at=at("2026-11-25 10:00"))],
        fields=fields(),
        now=at("2026-01-01 00:00"),
    )
    booking = Booking.objects.get()
    clash = BookingSlot(
        booking=booking,
        account=citywide_account,
        starts_at=at("2026-11-25 11:30"),
        ends_at=at("2026-11-25 12:30"),
        blocked_until=at("2026-11-25 13:30"),
    )
    with pytest.raises(ValidationError) as caught:
        insert_slots([clash])
    assert caught.value.error_list[0].code == "slot_taken"
    assert "Helsingborgs stad" in caught.value.messages[0]
