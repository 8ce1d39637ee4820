"""Shared helpers for the calendar tests: local times and a booking in one call."""

from datetime import datetime
from zoneinfo import ZoneInfo

from calendar_booking.models import Category, Objective

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# Long before every date the tests book, so "already passed" never fires by accident.
LONG_AGO = datetime(2026, 1, 1, tzinfo=STOCKHOLM)


def at(text: str) -> datetime:
    """at("2026-11-27 13:00") → that wall-clock time in Stockholm."""
    return datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM)


def fields(**overrides) -> dict:
    base = {
        "title": "Lovaktiviteter i höst",
        "draft_text": "Nu kan du anmäla dig till höstlovets aktiviteter!",
        "objective": Objective.ACTIVATE,
        "category": Category.TIPS,
        "topics": ["leisure"],
        "target_group": "Föräldrar till barn 6–12 år i Helsingborg",
        "link": "https://helsingborg.se/lov",
        "media_type": "image",
        "image_alt_text": "Barn som leker i höstlövet i Slottshagen.",
        "rights_confirmed": True,
        "consent_confirmed": True,
    }
    base.update(overrides)
    return base


def book(
    by,
    administration,
    *slots,
    now=LONG_AGO,
    acknowledge_charged=False,
    crisis_override=False,
    allow_x=False,
    **overrides,
):
    """book(user, admin, (account, "2026-11-27 10:00"), ...)"""
    from calendar_booking.services.bookings import SlotTime, booking_create

    times = [
        SlotTime(account=account, starts_at=at(start) if isinstance(start, str) else start)
        for account, start in slots
    ]
    return booking_create(
        by=by,
        administration=administration,
        times=times,
        fields=fields(**overrides),
        acknowledge_charged=acknowledge_charged,
        crisis_override=crisis_override,
        allow_x=allow_x,
        now=now,
    )
