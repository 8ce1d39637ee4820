"""The slot rows: read and written under their accounts' locks; moved, published, missed.

Every change to the calendar's capacity first locks the affected accounts' rows (`SELECT … FOR
UPDATE`, in primary-key order so two requests never deadlock) together with their channel rules,
then reads the live slots of the affected days once, checks the rules in memory
(`calendar_booking.rules`) and writes. Under the lock the checks are exact; on PostgreSQL the
exclusion constraint catches anything that got past them anyway.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from functools import reduce
from operator import or_

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import SocialAccount, User

from .. import rules
from ..access import require_booker
from ..models import Booking, BookingLog, BookingSlot, ChannelRule, Status
from .log import booking_log, slot_json

logger = logging.getLogger(__name__)


def lock_accounts(account_ids: Iterable[int]) -> dict[int, SocialAccount]:
    """Lock the accounts' rows, in a stable order, and read their channel rules with them."""
    ids = sorted(set(account_ids))
    locked = (
        SocialAccount.objects.select_for_update(of=("self",))
        .select_related("channel_rule")
        .defer("access_token")  # decrypted per row, and never needed here
        .filter(pk__in=ids)
        .order_by("pk")
    )
    return {account.pk: account for account in locked}


def rule_of(account: SocialAccount) -> ChannelRule:
    """The rule read with the locked account, or the defaults (no query: see `lock_accounts`)."""
    return ChannelRule.for_account(account)


def taken_slots(
    requests: Sequence[rules.Request], *, exclude_slot_ids: Sequence[int] = ()
) -> dict[int, list[BookingSlot]]:
    """The live slots the rules must see for `requests`, per account: one query for all of them."""
    if not requests:
        return {}
    found = (
        BookingSlot.objects.live()
        .filter(reduce(or_, (rules.request_affecting(r) for r in requests)))
        .exclude(pk__in=exclude_slot_ids)
        .only("pk", "account_id", "starts_at", "blocked_until")
    )
    taken: dict[int, list[BookingSlot]] = defaultdict(list)
    for slot in found:
        taken[slot.account_id].append(slot)
    return taken


def raise_if_refused(refusals: list[rules.Refusal], warnings: list[rules.Refusal]) -> None:
    error = rules.refusal_error(refusals, warnings)
    if error is not None:
        raise error


def slot_taken_error(exc: IntegrityError, accounts: Iterable[SocialAccount]) -> ValidationError:
    # Only reached when something got past the locked check (a write outside the services): the
    # database's exclusion constraint refused it, and the person gets the same kind of answer.
    logger.info("Exclusion constraint refused a slot: %s", exc)
    return ValidationError(
        _(
            "%(account)s: the time was just booked by someone else (rule: no overlapping posts on one "
            "account). Choose another time."
        )
        % {"account": ", ".join(sorted({str(a) for a in accounts}))},
        code="slot_taken",
    )


def insert_slots(slots: list[BookingSlot]) -> None:
    # No savepoint of its own: its callers are atomic, and nothing runs after the error inside them.
    try:
        BookingSlot.objects.bulk_create(slots)
    except IntegrityError as exc:
        raise slot_taken_error(exc, (slot.account for slot in slots)) from exc


def refresh_booking_status(booking: Booking) -> None:
    """published if any slot was published; missed if every live slot was missed; cancelled if none live."""
    statuses = set(booking.slots.values_list("status", flat=True))
    live = statuses - {Status.CANCELLED}
    if not live:
        new = Status.CANCELLED
    elif Status.PUBLISHED in live:
        new = Status.PUBLISHED
    elif live == {Status.MISSED}:
        new = Status.MISSED
    else:
        new = Status.PLANNED
    if booking.status != new:
        booking.status = new
        booking.save(update_fields=["status", "updated_at"])


def require_editable(booking: Booking, by: User) -> None:
    require_booker(by, booking.administration_id)
    if booking.status == Status.CANCELLED:
        raise ValidationError(_("The booking is cancelled."), code="cancelled")


# --- move ------------------------------------------------------------------------------------------


@transaction.atomic
def booking_move(
    *,
    slot: BookingSlot,
    by: User,
    starts_at: datetime,
    ends_at: datetime | None = None,
    account: SocialAccount | None = None,
    acknowledge_charged: bool = False,
    now: datetime | None = None,
) -> BookingSlot:
    """Move one slot to a new time (and account); the rules apply as for a new booking.

    `slot` comes from `access_slot_to_change(..., for_update=True)`: it and its booking are locked.
    """
    booking = slot.booking
    require_editable(booking, by)
    if slot.status != Status.PLANNED:
        raise ValidationError(_("Only a planned time can be moved."), code="not_planned")
    target_pk = account.pk if account is not None else slot.account_id
    accounts = lock_accounts([slot.account_id, target_pk])
    target = accounts[target_pk]
    if target_pk != slot.account_id and not rules.is_bookable(target, booking.administration_id):
        raise rules.not_bookable_error(target, booking.administration)
    rule = rule_of(target)
    ends_at = ends_at or (starts_at + (slot.ends_at - slot.starts_at))
    requests = [rules.Request(account=target, rule=rule, starts_at=starts_at, ends_at=ends_at)]
    refusals, warnings = rules.check_slots(
        requests,
        taken=taken_slots(requests, exclude_slot_ids=[slot.pk]),
        is_charged=booking.is_charged,
        charged_acknowledged=acknowledge_charged,
        now=now if now is not None else timezone.now(),
    )
    raise_if_refused(refusals, warnings)
    before = slot_json(slot)
    slot.account = target
    slot.starts_at, slot.ends_at = starts_at, ends_at
    slot.blocked_until = ends_at + rule.min_gap
    slot.sequence += 1
    try:
        slot.save(
            update_fields=["account", "starts_at", "ends_at", "blocked_until", "sequence", "updated_at"]
        )
    except IntegrityError as exc:
        raise slot_taken_error(exc, [target]) from exc
    if acknowledge_charged and booking.is_charged and not booking.charged_acknowledged:
        booking.charged_acknowledged = True
        booking.save(update_fields=["charged_acknowledged", "updated_at"])
    booking_log(
        booking, by, BookingLog.Action.MOVED, {"slot": slot.pk, "from": before, "to": slot_json(slot)}
    )
    return slot


# --- lifecycle driven by the platforms -------------------------------------------------------------


@transaction.atomic
def booking_slot_publish(*, slot: BookingSlot, post_platform_id: str, published_at: datetime) -> BookingSlot:
    """A platform post was matched to this slot: it and its booking are published (idempotent)."""
    slot = BookingSlot.objects.select_for_update().select_related("booking").get(pk=slot.pk)
    if slot.status == Status.PUBLISHED and slot.post_platform_id == post_platform_id:
        return slot
    previous = slot.status
    slot.status = Status.PUBLISHED
    slot.post_platform_id = post_platform_id
    slot.published_at = published_at
    slot.sequence += 1
    slot.save(update_fields=["status", "post_platform_id", "published_at", "sequence", "updated_at"])
    booking_log(
        slot.booking,
        None,
        BookingLog.Action.PUBLISHED,
        {
            "slot": slot.pk,
            "post": post_platform_id,
            "published_at": published_at.isoformat(),
            "status": [previous, Status.PUBLISHED],
        },
    )
    refresh_booking_status(slot.booking)
    return slot


def booking_slots_mark_missed(*, now: datetime | None = None) -> int:
    """Planned slots with no post by their end plus the grace time become missed; returns how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.CALENDAR_MISSED_GRACE_MINUTES)
    ids = list(
        BookingSlot.objects.filter(status=Status.PLANNED, ends_at__lt=cutoff).values_list("pk", flat=True)[
            :1000
        ]
    )
    count = 0
    for slot_id in ids:
        with transaction.atomic():
            slot = (
                BookingSlot.objects.select_for_update()
                .select_related("booking")
                .filter(pk=slot_id, status=Status.PLANNED)
                .first()
            )
            if slot is None:  # published or cancelled meanwhile
                continue
            slot.status = Status.MISSED
            slot.sequence += 1
            slot.save(update_fields=["status", "sequence", "updated_at"])
            booking_log(
                slot.booking,
                None,
                BookingLog.Action.MISSED,
                {"slot": slot.pk, "status": [Status.PLANNED, Status.MISSED]},
            )
            refresh_booking_status(slot.booking)
            count += 1
    return count


def slots_bump_sequence(slots, **changes) -> None:
    """Write `changes` to the slots and raise their iCalendar SEQUENCE, in one statement: calendar
    clients keep their copy unless the SEQUENCE grows."""
    slots.update(sequence=F("sequence") + 1, updated_at=timezone.now(), **changes)
