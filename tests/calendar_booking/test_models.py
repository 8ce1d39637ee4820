"""The database guards: the exclusion constraint on PostgreSQL and the append-only booking log."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction

from calendar_booking.models import Booking, BookingLog, BookingSlot, Status

from .helpers import at, fields

pytestmark = pytest.mark.django_db


def _booking(communicator, administration) -> Booking:
    return Booking.objects.create(administration=administration, author=communicator, **fields())


def _slot(booking, account, start, *, gap=60, status=Status.PLANNED) -> BookingSlot:
    starts_at = at(start)
    ends_at = starts_at + timedelta(hours=1)
    return BookingSlot.objects.create(
        booking=booking,
        account=account,
        starts_at=starts_at,
        ends_at=ends_at,
        blocked_until=ends_at + timedelta(minutes=gap),
        status=status,
    )


@pytest.mark.postgres
def test_the_database_refuses_overlapping_live_slots_on_one_account(
    communicator, administration, citywide_account
):
    booking = _booking(communicator, administration)
    _slot(booking, citywide_account, "2026-11-25 10:00")
    with pytest.raises(IntegrityError), transaction.atomic():
        _slot(booking, citywide_account, "2026-11-25 11:30")  # inside the gap until 12:00


@pytest.mark.postgres
def test_the_database_allows_touching_ranges_and_cancelled_overlaps(
    communicator, administration, citywide_account, instagram
):
    booking = _booking(communicator, administration)
    _slot(booking, citywide_account, "2026-11-25 10:00")
    _slot(booking, citywide_account, "2026-11-25 12:00")  # [10:00, 12:00) and [12:00, 14:00) touch
    _slot(booking, citywide_account, "2026-11-25 10:30", status=Status.CANCELLED)
    _slot(booking, instagram, "2026-11-25 10:00")  # another account
    assert BookingSlot.objects.count() == 4


def test_sqlite_migrates_without_the_postgres_guards():
    # The same migrations run on both; on SQLite the PostgreSQL-only step is a no-op.
    assert connection.vendor in {"sqlite", "postgresql"}


def test_the_log_cannot_be_changed_or_deleted_through_the_orm(communicator, administration):
    booking = _booking(communicator, administration)
    entry = BookingLog.objects.create(booking=booking, actor=communicator, action=BookingLog.Action.CREATED)
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        BookingLog.objects.filter(pk=entry.pk).update(action="moved")
    with pytest.raises(TypeError):
        BookingLog.objects.filter(pk=entry.pk).delete()


@pytest.mark.postgres
def test_the_log_cannot_be_changed_in_sql_either(communicator, administration):
    booking = _booking(communicator, administration)
    entry = BookingLog.objects.create(booking=booking, actor=communicator, action=BookingLog.Action.CREATED)
    with pytest.raises(Exception, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE calendar_booking_bookinglog SET action = 'moved' WHERE id = %s", [entry.pk])
