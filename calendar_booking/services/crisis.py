"""Crisis information pushes other bookings aside.

AKN books crisis information with `crisis_override`: the planned slots in its way are taken out of
the calendar, the crisis slots go in, and each displaced slot moves to the first free time after
the crisis post within two weeks (or is cancelled when there is none); its author is told by mail.
The free-time search reads each day it looks at once and tries the times in memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import reduce
from operator import or_

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from helsocial.mail import mail_enqueue

from .. import rules
from ..models import Booking, BookingLog, BookingSlot, ChannelRule, Status
from .log import booking_log
from .slots import refresh_booking_status


@dataclass
class Displaced:
    slot: BookingSlot
    rule: ChannelRule
    old_start: datetime
    old_end: datetime


def free_for_crisis(requests: Sequence[rules.Request]) -> list[Displaced]:
    """Take the planned slots in the crisis slots' way out of the calendar (cancelled for now, so
    the crisis slots can go in), locked so a cancellation at the same moment waits."""
    in_the_way = reduce(
        or_,
        (
            Q(
                account_id=r.account.pk,
                starts_at__lt=r.ends_at + r.rule.min_gap,
                blocked_until__gt=r.starts_at,
            )
            for r in requests
        ),
    )
    rule_by_account = {r.account.pk: r.rule for r in requests}
    slots = list(
        BookingSlot.objects.select_for_update(of=("self",))
        .filter(in_the_way, status=Status.PLANNED)
        .select_related("booking", "booking__author", "account")
        .defer("account__access_token")
        .order_by("starts_at", "pk")
    )
    if slots:
        BookingSlot.objects.filter(pk__in=[s.pk for s in slots]).update(
            status=Status.CANCELLED, updated_at=timezone.now()
        )
    displaced = []
    for slot in slots:
        displaced.append(Displaced(slot, rule_by_account[slot.account_id], slot.starts_at, slot.ends_at))
        slot.status = Status.CANCELLED
    return displaced


class _Days:
    """The live slots per (account, day) that the search has read, kept up to date as it places."""

    def __init__(self) -> None:
        self._read: dict[tuple[int, date], list[BookingSlot]] = {}
        self._rules: dict[tuple[int, date], ChannelRule] = {}

    def taken(self, account_id: int, day: date, rule: ChannelRule) -> list[BookingSlot]:
        key = (account_id, day)
        if key not in self._read:
            self._read[key] = list(
                BookingSlot.objects.live()
                .filter(rules.affecting(account_id=account_id, rule=rule, day=day))
                .only("pk", "account_id", "starts_at", "blocked_until")
            )
            self._rules[key] = rule
        return self._read[key]

    def place(self, slot: BookingSlot) -> None:
        """A displaced slot found its new time: the days already read see it from now on."""
        for (account_id, day), taken in self._read.items():
            if account_id == slot.account_id and rules.affects_day(
                slot, day=day, rule=self._rules[(account_id, day)]
            ):
                taken.append(slot)


def next_free_start(
    *, account_id: int, rule: ChannelRule, after: datetime, length: timedelta, days: _Days
) -> datetime | None:
    """The first start at or after `after`, within DISPLACEMENT_SEARCH_DAYS, where a slot of
    `length` keeps every rule; None if there is none."""
    before = after + timedelta(days=rules.DISPLACEMENT_SEARCH_DAYS)
    day, start = rules.local(after).date(), after
    while start < before:
        found = rules.first_free_start(
            day=day,
            rule=rule,
            taken=days.taken(account_id, day, rule),
            after=start,
            before=before,
            length=length,
        )
        if found is not None:
            return found
        day += timedelta(days=1)
        start = rules.day_bounds(day)[0]
    return None


def rehome_displaced(
    displaced: list[Displaced], *, crisis: Booking, crisis_slots: list[BookingSlot], by: User
) -> None:
    days = _Days()
    for d in displaced:
        slot, rule = d.slot, d.rule
        length = d.old_end - d.old_start
        crisis_end = max(s.blocked_until for s in crisis_slots if s.account_id == slot.account_id)
        new_start = next_free_start(
            account_id=slot.account_id,
            rule=rule,
            after=max(d.old_start, crisis_end),
            length=length,
            days=days,
        )
        booking = slot.booking
        if new_start is not None:
            slot.starts_at, slot.ends_at = new_start, new_start + length
            slot.blocked_until = slot.ends_at + rule.min_gap
            slot.status = Status.PLANNED
        slot.sequence += 1
        try:
            with transaction.atomic():
                slot.save(
                    update_fields=[
                        "starts_at",
                        "ends_at",
                        "blocked_until",
                        "status",
                        "sequence",
                        "updated_at",
                    ]
                )
        except IntegrityError:  # pragma: no cover - the search above ran under the same locks
            slot.status = Status.CANCELLED
            slot.save(update_fields=["status", "sequence", "updated_at"])
            new_start = None
        else:
            if new_start is not None:
                days.place(slot)
        booking_log(
            booking,
            by,
            BookingLog.Action.DISPLACED,
            {
                "slot": slot.pk,
                "account_name": str(slot.account),
                "crisis_booking": crisis.pk,
                "starts_at": [d.old_start.isoformat(), slot.starts_at.isoformat() if new_start else None],
                "status": [Status.PLANNED, slot.status],
            },
        )
        refresh_booking_status(booking)
        _mail_displaced(slot=slot, old_start=d.old_start, moved_to=new_start, crisis=crisis)


def _mail_displaced(
    *, slot: BookingSlot, old_start: datetime, moved_to: datetime | None, crisis: Booking
) -> None:
    booking = slot.booking
    author = booking.author
    if not author.email:
        return
    mail_enqueue(
        key=f"displaced:{slot.pk}:{slot.sequence}",
        name="booking_displaced",
        to=[author.email],
        context={
            "booking": booking,
            "author": author,
            "slot": slot,
            "old_start": old_start,
            "moved_to": moved_to,
            "crisis": crisis,
        },
    )
