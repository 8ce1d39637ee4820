"""The booking log: append-only evidence of who changed what, and when."""

from __future__ import annotations

from datetime import date, datetime

from accounts.models import User

from ..models import Booking, BookingLog, BookingSlot


def booking_log(booking: Booking, by: User | None, action: str, changes: dict | None = None) -> BookingLog:
    return BookingLog.objects.create(booking=booking, actor=by, action=action, changes=changes or {})


def json_value(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (bool, int, float, str, list, dict)):
        return value
    return str(value)


def slot_json(slot: BookingSlot) -> dict:
    return {
        "account": slot.account_id,
        "account_name": str(slot.account),
        "starts_at": slot.starts_at.isoformat(),
        "ends_at": slot.ends_at.isoformat(),
    }
