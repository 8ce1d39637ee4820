"""iCalendar feeds for Outlook: one VEVENT per slot with a stable UID and a growing SEQUENCE.

A feed shows every booking's title, time, account and förvaltning; the draft text only where the
feed's owner may read it (its own förvaltning, or AKN). Cancelled slots stay in the feed with
STATUS:CANCELLED so subscribed calendars remove them instead of keeping a stale copy.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from .models import BookingSlot, CalendarFeedToken, Status

# Outlook re-reads the whole feed; a year ahead and two months back keep it small.
FEED_PAST = timedelta(days=60)
FEED_FUTURE = timedelta(days=400)


def feed_slots(token: CalendarFeedToken) -> QuerySet[BookingSlot]:
    now = timezone.now()
    slots = (
        BookingSlot.objects.filter(starts_at__gte=now - FEED_PAST, starts_at__lt=now + FEED_FUTURE)
        .select_related("booking", "booking__administration", "account")
        .defer("account__access_token")
    )
    if token.kind == CalendarFeedToken.Kind.USER:
        slots = slots.filter(booking__author_id=token.owner_id)
    elif token.kind == CalendarFeedToken.Kind.ADMINISTRATION:
        slots = slots.filter(booking__administration_id=token.administration_id)
    else:
        slots = slots.filter(account_id=token.account_id)
    return slots.order_by("starts_at", "pk")


def feed_calendar(token: CalendarFeedToken, *, draft_administration_ids: frozenset[int]) -> bytes:
    """The feed as iCalendar; drafts only of the förvaltningar in `draft_administration_ids` (what
    `access_feed` says the owner may read)."""
    cal = Calendar()
    cal.add("prodid", "-//Helsingborgs stad//Helsocial publiceringskalender//SV")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"Helsocial – {token}")
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for slot in feed_slots(token):
        booking = slot.booking
        event = Event()
        event.add("uid", slot.ics_uid)
        event.add("dtstamp", slot.updated_at)
        event.add("last-modified", slot.updated_at)
        event.add("dtstart", slot.starts_at)
        event.add("dtend", slot.ends_at)
        event.add("sequence", slot.sequence)
        event.add("summary", f"{booking.title} – {slot.account}")
        event.add("status", "CANCELLED" if slot.status == Status.CANCELLED else "CONFIRMED")
        event.add("categories", [booking.get_category_display()])
        url = settings.SITE_URL + reverse("calendar_booking:booking-detail", args=[booking.pk])
        lines = [
            f"{booking.administration} · {booking.get_objective_display()} · {slot.get_status_display()}"
        ]
        if booking.administration_id in draft_administration_ids:
            lines += ["", booking.draft_text]
            event.add("url", url)
        event.add("description", "\n".join(lines))
        cal.add_component(event)
    return cal.to_ical()
