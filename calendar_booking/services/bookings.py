"""Book, edit and cancel: every booking rule is checked here (`calendar_booking.rules`), for every
caller, in one transaction under the accounts' locks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from accounts.models import Administration, SocialAccount, User

from .. import rules
from ..access import may_override_capacity, require_booker
from ..models import Booking, BookingLog, BookingSlot, Status
from .approval import approval_start
from .crisis import free_for_crisis, rehome_displaced
from .log import booking_log, json_value, slot_json
from .slots import (
    insert_slots,
    lock_accounts,
    raise_if_refused,
    require_editable,
    rule_of,
    slots_bump_sequence,
    taken_slots,
)


@dataclass(frozen=True)
class SlotTime:
    """One requested slot: an account and a start; the end defaults to the account's slot length."""

    account: SocialAccount
    starts_at: datetime
    ends_at: datetime | None = None


def _require_known(fields: dict, service: str) -> None:
    unknown = {name for name in fields if name not in rules.BOOKING_FIELDS}
    if unknown:
        raise ValueError(f"{service}: unknown fields {sorted(unknown)}")


def _requests(
    times: Sequence[SlotTime], administration: Administration, *, allow_x: bool = False
) -> list[rules.Request]:
    """Lock the accounts and turn the times into requests; an account the förvaltning may not book
    (another förvaltning's, or X) is refused before any rule is checked."""
    accounts = lock_accounts(t.account.pk for t in times)
    requests = []
    for t in times:
        account = accounts.get(t.account.pk)
        if account is None or not rules.is_bookable(account, administration.pk, allow_x=allow_x):
            raise rules.not_bookable_error(t.account, administration)
        rule = rule_of(account)
        ends_at = t.ends_at or (t.starts_at + rule.slot_length)
        requests.append(rules.Request(account=account, rule=rule, starts_at=t.starts_at, ends_at=ends_at))
    return requests


@transaction.atomic
def booking_create(
    *,
    by: User,
    administration: Administration,
    times: Sequence[SlotTime],
    fields: dict,
    acknowledge_charged: bool = False,
    crisis_override: bool = False,
    allow_x: bool = False,
    now: datetime | None = None,
) -> Booking:
    """Book all the slots or none; a refusal names each account and the rule it broke.

    `crisis_override` (AKN booking crisis information only) displaces what stands in the way;
    `allow_x` (AKN only: the access layer's `can_book_x`) lets the booking use the X account.
    """
    require_booker(by, administration.pk)
    _require_known(fields, "booking_create")
    if crisis_override:
        rules.check_override(may_override=may_override_capacity(by), category=fields.get("category"))
    rules.raise_content_errors(fields, no_slots=not times)
    if allow_x and not may_override_capacity(by):  # the same person: AKN
        raise PermissionDenied
    requests = _requests(times, administration, allow_x=allow_x)
    # A crisis post takes its time whatever stands there; everything else keeps the capacity rules.
    capacity = not crisis_override
    refusals, warnings = rules.check_slots(
        requests,
        taken=taken_slots(requests) if capacity else {},
        is_charged=bool(fields.get("is_charged")),
        charged_acknowledged=acknowledge_charged,
        capacity=capacity,
        now=now if now is not None else timezone.now(),
    )
    raise_if_refused(refusals, warnings)

    booking = Booking.objects.create(
        administration=administration,
        author=by,
        charged_acknowledged=bool(fields.get("is_charged")) and acknowledge_charged,
        **fields,
    )
    displaced = free_for_crisis(requests) if crisis_override else []
    slots = [
        BookingSlot(
            booking=booking,
            account=r.account,
            starts_at=r.starts_at,
            ends_at=r.ends_at,
            blocked_until=r.ends_at + r.rule.min_gap,
        )
        for r in requests
    ]
    insert_slots(slots)
    booking_log(
        booking,
        by,
        BookingLog.Action.CREATED,
        {
            **{name: json_value(value) for name, value in fields.items() if name not in rules.SECRET_FIELDS},
            "slots": [slot_json(slot) for slot in slots],
            **({"crisis_override": True} if crisis_override else {}),
        },
    )
    if displaced:
        rehome_displaced(displaced, crisis=booking, crisis_slots=slots, by=by)
    if slots:
        approval_start(
            booking=booking,
            by=by,
            first_start=min(s.starts_at for s in slots),
            now=now if now is not None else timezone.now(),
        )
    return booking


@transaction.atomic
def booking_update(*, booking: Booking, by: User, fields: dict, acknowledge_charged: bool = False) -> Booking:
    """Edit a booking's content; turning on "charged" re-checks the Friday rule for its slots.

    `booking` comes from `access_booking_to_change(..., for_update=True)`: its row is locked, so a
    move of one of its slots (which locks it too) waits.
    """
    require_editable(booking, by)
    _require_known(fields, "booking_update")
    merged = {name: getattr(booking, name) for name in rules.BOOKING_FIELDS} | fields
    rules.raise_content_errors(merged)
    if merged["is_charged"]:
        slots = (
            booking.slots.filter(status=Status.PLANNED)
            .select_related("account", "account__channel_rule")
            .defer("account__access_token")
        )
        refusals, warnings = rules.check_slots(
            [
                rules.Request(
                    account=s.account, rule=rule_of(s.account), starts_at=s.starts_at, ends_at=s.ends_at
                )
                for s in slots
            ],
            taken={},
            is_charged=True,
            charged_acknowledged=acknowledge_charged or booking.charged_acknowledged,
            capacity=False,
        )
        raise_if_refused(refusals, warnings)
    changes = {}
    for name, value in fields.items():
        old = getattr(booking, name)
        if old != value:
            secret = name in rules.SECRET_FIELDS
            changes[name] = {"changed": True} if secret else [json_value(old), json_value(value)]
            setattr(booking, name, value)
    if acknowledge_charged and merged["is_charged"]:
        booking.charged_acknowledged = True
    if not changes:
        return booking
    booking.save()
    slots_bump_sequence(booking.slots.all())
    booking_log(booking, by, BookingLog.Action.UPDATED, changes)
    return booking


@transaction.atomic
def booking_cancel(*, booking: Booking, by: User, reason: str = "") -> Booking:
    """Cancel the booking and every planned slot; its times are free again at once.

    `booking` comes from `access_booking_to_change(..., for_update=True)`; the planned slots are
    locked here, so a crisis displacing one of them at the same moment waits or skips it.
    """
    require_editable(booking, by)
    cancelled = list(
        booking.slots.select_for_update().filter(status=Status.PLANNED).values_list("pk", flat=True)
    )
    slots_bump_sequence(BookingSlot.objects.filter(pk__in=cancelled), status=Status.CANCELLED)
    booking.status = Status.CANCELLED
    booking.save(update_fields=["status", "updated_at"])
    booking_log(booking, by, BookingLog.Action.CANCELLED, {"slots": cancelled, "reason": reason})
    return booking
