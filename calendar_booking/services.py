"""Writes to the publishing calendar: book, edit, move, cancel, crisis override, publish, missed, FAQ.

Every booking change runs in one transaction that first locks the affected accounts' rows
(`SELECT … FOR UPDATE`, in primary-key order so two requests never deadlock), then checks the rules
against what is committed, then writes. Under the lock the overlap and per-day checks are exact;
on PostgreSQL the exclusion constraint catches anything that got past them anyway.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.access import roles_of
from accounts.models import Administration, Role, SocialAccount, User
from helsocial import workdays
from helsocial.mail import mail_enqueue

from .models import Booking, BookingLog, BookingSlot, Category, ChannelRule, KcAgreement, Status

logger = logging.getLogger(__name__)

# The fields a booking form edits; the log records old and new values of those that change.
BOOKING_FIELDS = (
    "title",
    "draft_text",
    "objective",
    "category",
    "topics",
    "target_group",
    "link",
    "media_type",
    "is_charged",
    "expects_high_activity",
    "faq_text",
    "is_advertising",
    "ad_budget",
    "ad_starts_on",
    "ad_ends_on",
    "captions_confirmed",
    "rights_confirmed",
    "consent_confirmed",
)
BOOKING_ROLES = (Role.COMMUNICATOR, Role.LEAD)
# How far ahead a displaced slot may be moved before it is cancelled instead.
DISPLACEMENT_SEARCH_DAYS = 14
DISPLACEMENT_STEP = timedelta(minutes=15)


@dataclass(frozen=True)
class SlotTime:
    """One requested slot: an account and a start; the end defaults to the account's slot length."""

    account: SocialAccount
    starts_at: datetime
    ends_at: datetime | None = None


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _local(moment: datetime) -> datetime:
    return moment.astimezone(_zone())


def _fmt(moment: datetime) -> str:
    return date_format(_local(moment), "Y-m-d H:i")


def _cutoff() -> time:
    hours, _sep, minutes = settings.CALENDAR_CHARGED_CUTOFF.partition(":")
    return time(int(hours), int(minutes))


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    zone = _zone()
    return datetime.combine(day, time.min, zone), datetime.combine(day + timedelta(days=1), time.min, zone)


# --- permissions the services enforce themselves ---------------------------------------------------


def may_book_for(user: User, administration: Administration) -> bool:
    rs = roles_of(user)
    return rs.is_akn or any(rs.has(role, administration.pk) for role in BOOKING_ROLES)


def _require_booker(user: User, administration: Administration) -> None:
    if not may_book_for(user, administration):
        raise PermissionDenied


def bookable_accounts_for(administration: Administration):
    """The city-wide accounts and the förvaltning's own accounts (X posts press releases itself)."""
    return SocialAccount.objects.filter(Q(is_citywide=True) | Q(administration=administration)).exclude(
        platform=SocialAccount.Platform.X
    )


# --- the rules -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Refusal:
    account: SocialAccount
    code: str
    message: str


def _lock_accounts(account_ids: Iterable[int]) -> dict[int, SocialAccount]:
    # Stable order: two bookings touching the same accounts take the locks in the same sequence.
    ids = sorted(set(account_ids))
    locked = list(SocialAccount.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    return {account.pk: account for account in locked}


def _rules_for(account_ids: Iterable[int]) -> dict[int, ChannelRule]:
    ids = set(account_ids)
    rules = {rule.account_id: rule for rule in ChannelRule.objects.filter(account_id__in=ids)}
    for account_id in ids - set(rules):
        rules[account_id] = ChannelRule(account_id=account_id)
    return rules


def charged_late(moment: datetime) -> bool:
    """Whether a post at `moment` is "late on the last working day before a day off"."""
    local = _local(moment)
    return workdays.is_last_working_day_before_day_off(local.date()) and local.time() >= _cutoff()


def charged_is_hard_block(rule: ChannelRule) -> bool:
    return rule.block_late_charged or settings.CALENDAR_CHARGED_HARD_BLOCK


def _charged_message(account: SocialAccount, moment: datetime) -> str:
    local = _local(moment)
    next_off = workdays.next_day_off(local.date())
    reason = workdays.holiday_name(next_off) or _("the weekend")
    return _(
        "%(account)s: charged content at %(time)s is late on the last working day before %(reason)s; "
        "comments would not be answered until the next working day (rule: avoid charged content late "
        "on Fridays, cut-off %(cutoff)s)."
    ) % {
        "account": account,
        "time": _fmt(moment),
        "reason": reason,
        "cutoff": settings.CALENDAR_CHARGED_CUTOFF,
    }


def _check_slots(
    *,
    slots: Sequence[tuple[SocialAccount, datetime, datetime]],
    rules: dict[int, ChannelRule],
    is_charged: bool,
    charged_acknowledged: bool,
    exclude_slot_ids: Sequence[int] = (),
    capacity: bool = True,
    now: datetime | None = None,
) -> tuple[list[Refusal], list[Refusal]]:
    """Refusals (hard) and warnings (charged content, to be acknowledged) for the requested slots."""
    refusals: list[Refusal] = []
    warnings: list[Refusal] = []
    for index, (account, starts_at, ends_at) in enumerate(slots):
        rule = rules[account.pk]
        start_local, end_local = _local(starts_at), _local(ends_at)
        if ends_at <= starts_at:
            refusals.append(
                Refusal(
                    account,
                    "slot_order",
                    _("%(account)s: the slot must end after it starts.") % {"account": account},
                )
            )
            continue
        if now is not None and starts_at < now:
            refusals.append(
                Refusal(
                    account,
                    "slot_past",
                    _("%(account)s: %(time)s has already passed.")
                    % {"account": account, "time": _fmt(starts_at)},
                )
            )
        if (
            end_local.date() != start_local.date()
            or start_local.time() < rule.allowed_from
            or end_local.time() > rule.allowed_until
        ):
            refusals.append(
                Refusal(
                    account,
                    "hours",
                    _(
                        "%(account)s: %(time)s is outside the allowed hours %(from)s–%(until)s "
                        "(rule: allowed hours)."
                    )
                    % {
                        "account": account,
                        "time": _fmt(starts_at),
                        "from": rule.allowed_from.strftime("%H:%M"),
                        "until": rule.allowed_until.strftime("%H:%M"),
                    },
                )
            )
        if capacity:
            blocked_until = ends_at + rule.min_gap
            taken = (
                BookingSlot.objects.live()
                .on_account(account.pk)
                .overlapping(starts_at, blocked_until)
                .exclude(pk__in=exclude_slot_ids)
            )
            # The same request may hold two slots on one account: they must keep the gap too.
            siblings = [
                (s, e)
                for i, (a, s, e) in enumerate(slots)
                if i != index and a.pk == account.pk and s < blocked_until and e + rule.min_gap > starts_at
            ]
            if siblings or taken.exists():
                refusals.append(
                    Refusal(
                        account,
                        "slot_taken",
                        _(
                            "%(account)s: %(time)s is taken – it overlaps another booking or its minimum gap "
                            "of %(gap)s minutes (rule: minimum gap)."
                        )
                        % {"account": account, "time": _fmt(starts_at), "gap": rule.min_gap_minutes},
                    )
                )
            else:
                day_start, day_end = _day_bounds(start_local.date())
                same_day = (
                    BookingSlot.objects.live()
                    .on_account(account.pk)
                    .filter(starts_at__gte=day_start, starts_at__lt=day_end)
                    .exclude(pk__in=exclude_slot_ids)
                    .count()
                )
                same_day += sum(
                    1
                    for i, (a, s, _e) in enumerate(slots)
                    if i < index and a.pk == account.pk and _local(s).date() == start_local.date()
                )
                if same_day >= rule.max_posts_per_day:
                    refusals.append(
                        Refusal(
                            account,
                            "day_full",
                            _(
                                "%(account)s: %(day)s already has %(count)s posts "
                                "(rule: at most %(max)s posts per day)."
                            )
                            % {
                                "account": account,
                                "day": start_local.date().isoformat(),
                                "count": same_day,
                                "max": rule.max_posts_per_day,
                            },
                        )
                    )
        if is_charged and charged_late(starts_at):
            refusal = Refusal(account, "charged_late", _charged_message(account, starts_at))
            if charged_is_hard_block(rule):
                refusals.append(refusal)
            elif not charged_acknowledged:
                warnings.append(refusal)
    return refusals, warnings


def _raise_if_refused(refusals: list[Refusal], warnings: list[Refusal]) -> None:
    if refusals:
        raise ValidationError([ValidationError(r.message, code=r.code) for r in refusals])
    if warnings:
        raise ValidationError(
            [ValidationError(w.message, code="charged_needs_ack") for w in warnings]
            + [
                ValidationError(
                    _("Tick “I have read the warning” to book it anyway."), code="charged_needs_ack"
                )
            ]
        )


def _slot_taken_error(exc: IntegrityError, accounts: Iterable[SocialAccount]) -> ValidationError:
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


def _insert_slots(slots: list[BookingSlot]) -> None:
    try:
        with transaction.atomic():  # a savepoint, so the caller gets a clean error, not a broken transaction
            BookingSlot.objects.bulk_create(slots)
    except IntegrityError as exc:
        raise _slot_taken_error(exc, (slot.account for slot in slots)) from exc


def _log(booking: Booking, by: User | None, action: str, changes: dict | None = None) -> BookingLog:
    return BookingLog.objects.create(booking=booking, actor=by, action=action, changes=changes or {})


def _json_value(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (bool, int, float, str, list, dict)):
        return value
    return str(value)


def _slot_json(slot: BookingSlot) -> dict:
    return {
        "account": slot.account_id,
        "account_name": str(slot.account),
        "starts_at": slot.starts_at.isoformat(),
        "ends_at": slot.ends_at.isoformat(),
    }


def _resolve_times(
    times: Sequence[SlotTime], accounts: dict[int, SocialAccount], rules: dict[int, ChannelRule]
) -> list[tuple[SocialAccount, datetime, datetime]]:
    resolved = []
    for t in times:
        account = accounts[t.account.pk]
        ends_at = t.ends_at or (t.starts_at + rules[account.pk].slot_length)
        resolved.append((account, t.starts_at, ends_at))
    return resolved


def _validate_fields(fields: dict) -> None:
    errors = {}
    if not (fields.get("target_group") or "").strip():
        errors["target_group"] = _("Say who you want to reach.")
    if fields.get("expects_high_activity") and not (fields.get("faq_text") or "").strip():
        errors["faq_text"] = _("A booking that expects many comments needs a FAQ for the contact centre.")
    if fields.get("is_advertising"):
        for name in ("ad_budget", "ad_starts_on", "ad_ends_on"):
            if fields.get(name) in (None, ""):
                errors[name] = _("Advertising needs a budget and a period.")
        if (
            fields.get("ad_starts_on")
            and fields.get("ad_ends_on")
            and fields["ad_ends_on"] < fields["ad_starts_on"]
        ):
            errors["ad_ends_on"] = _("The advertising period must end after it starts.")
    if errors:
        raise ValidationError(errors)


# --- booking ---------------------------------------------------------------------------------------


@transaction.atomic
def booking_create(
    *,
    by: User,
    administration: Administration,
    times: Sequence[SlotTime],
    fields: dict,
    acknowledge_charged: bool = False,
    crisis_override: bool = False,
    now: datetime | None = None,
) -> Booking:
    """Book all the slots or none; a refusal names each account and the rule it broke.

    `crisis_override` (AKN booking crisis information only) displaces what stands in the way.
    """
    _require_booker(by, administration)
    if not times:
        raise ValidationError(_("Choose at least one account and time."), code="no_slots")
    unknown = {name for name in fields if name not in BOOKING_FIELDS}
    if unknown:
        raise ValueError(f"booking_create: unknown fields {sorted(unknown)}")
    _validate_fields(fields)
    override_capacity = (
        crisis_override and roles_of(by).is_akn and fields.get("category") == Category.CIVIC_CRISIS
    )
    if crisis_override and not override_capacity:
        raise PermissionDenied
    allowed = set(
        bookable_accounts_for(administration)
        .filter(pk__in=[t.account.pk for t in times])
        .values_list("pk", flat=True)
    )
    for t in times:
        if t.account.pk not in allowed:
            raise ValidationError(
                _("%(account)s is not open for bookings by %(administration)s.")
                % {"account": t.account, "administration": administration},
                code="account_not_bookable",
            )
    accounts = _lock_accounts(t.account.pk for t in times)
    rules = _rules_for(accounts)
    resolved = _resolve_times(times, accounts, rules)
    refusals, warnings = _check_slots(
        slots=resolved,
        rules=rules,
        is_charged=bool(fields.get("is_charged")),
        charged_acknowledged=acknowledge_charged,
        capacity=not override_capacity,
        now=now if now is not None else timezone.now(),
    )
    _raise_if_refused(refusals, warnings)

    booking = Booking.objects.create(
        administration=administration,
        author=by,
        charged_acknowledged=bool(fields.get("is_charged")) and acknowledge_charged,
        **fields,
    )
    displaced: list[BookingSlot] = []
    if override_capacity:
        displaced = _free_for_crisis(resolved, rules)
    slots = [
        BookingSlot(
            booking=booking,
            account=account,
            starts_at=s,
            ends_at=e,
            blocked_until=e + rules[account.pk].min_gap,
        )
        for account, s, e in resolved
    ]
    _insert_slots(slots)
    _log(
        booking,
        by,
        BookingLog.Action.CREATED,
        {
            **{
                name: _json_value(value)
                for name, value in fields.items()
                if name not in ("draft_text", "faq_text")
            },
            "slots": [_slot_json(slot) for slot in slots],
            **({"crisis_override": True} if override_capacity else {}),
        },
    )
    if displaced:
        _rehome_displaced(displaced, rules=rules, crisis=booking, by=by)
    return booking


def _free_for_crisis(
    resolved: list[tuple[SocialAccount, datetime, datetime]], rules: dict[int, ChannelRule]
) -> list[BookingSlot]:
    """Take the slots in the crisis slots' way out of the calendar (marked cancelled for now)."""
    ids: set[int] = set()
    for account, s, e in resolved:
        gap = rules[account.pk].min_gap
        ids.update(
            BookingSlot.objects.live()
            .filter(status=Status.PLANNED)
            .on_account(account.pk)
            .overlapping(s, e + gap)
            .values_list("pk", flat=True)
        )
    displaced = list(
        BookingSlot.objects.filter(pk__in=ids)
        .select_related("booking", "booking__author", "account")
        .order_by("starts_at", "pk")
    )
    for slot in displaced:
        slot.original = (slot.starts_at, slot.ends_at)
        slot.status = Status.CANCELLED
        slot.save(update_fields=["status", "updated_at"])
    return displaced


def next_free_start(
    *,
    account: SocialAccount,
    rule: ChannelRule,
    after: datetime,
    length: timedelta,
    exclude_slot_ids: Sequence[int] = (),
) -> datetime | None:
    """The first start at or after `after` where a slot of `length` keeps every rule, or None."""
    candidate = after
    limit = after + timedelta(days=DISPLACEMENT_SEARCH_DAYS)
    while candidate < limit:
        local = _local(candidate)
        if local.time() < rule.allowed_from:
            candidate = datetime.combine(local.date(), rule.allowed_from, _zone())
            continue
        end = candidate + length
        end_local = _local(end)
        if end_local.date() != local.date() or end_local.time() > rule.allowed_until:
            candidate = datetime.combine(local.date() + timedelta(days=1), rule.allowed_from, _zone())
            continue
        refusals, _warnings = _check_slots(
            slots=[(account, candidate, end)],
            rules={account.pk: rule},
            is_charged=False,
            charged_acknowledged=True,
            exclude_slot_ids=exclude_slot_ids,
        )
        if not refusals:
            return candidate
        candidate += DISPLACEMENT_STEP
    return None


def _rehome_displaced(
    displaced: list[BookingSlot], *, rules: dict[int, ChannelRule], crisis: Booking, by: User
) -> None:
    for slot in displaced:
        rule = rules[slot.account_id]
        old_start, old_end = slot.original
        crisis_end = max(s.blocked_until for s in crisis.slots.all() if s.account_id == slot.account_id)
        new_start = next_free_start(
            account=slot.account,
            rule=rule,
            after=max(old_start, crisis_end),
            length=old_end - old_start,
            exclude_slot_ids=[slot.pk],
        )
        booking = slot.booking
        if new_start is not None:
            slot.starts_at, slot.ends_at = new_start, new_start + (old_end - old_start)
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
        _log(
            booking,
            by,
            BookingLog.Action.DISPLACED,
            {
                "slot": slot.pk,
                "account_name": str(slot.account),
                "crisis_booking": crisis.pk,
                "starts_at": [old_start.isoformat(), slot.starts_at.isoformat() if new_start else None],
                "status": [Status.PLANNED, slot.status],
            },
        )
        _refresh_booking_status(booking)
        _mail_displaced(slot=slot, old_start=old_start, moved_to=new_start, crisis=crisis)


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


def _refresh_booking_status(booking: Booking) -> None:
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


def _require_editable(booking: Booking, by: User) -> None:
    _require_booker(by, booking.administration)
    if booking.status == Status.CANCELLED:
        raise ValidationError(_("The booking is cancelled."), code="cancelled")


@transaction.atomic
def booking_update(*, booking: Booking, by: User, fields: dict, acknowledge_charged: bool = False) -> Booking:
    """Edit a booking's content; turning on "charged" re-checks the Friday rule for its slots."""
    _require_editable(booking, by)
    unknown = {name for name in fields if name not in BOOKING_FIELDS}
    if unknown:
        raise ValueError(f"booking_update: unknown fields {sorted(unknown)}")
    merged = {name: getattr(booking, name) for name in BOOKING_FIELDS} | fields
    _validate_fields(merged)
    slots = list(booking.slots.live().filter(status=Status.PLANNED).select_related("account"))
    accounts = _lock_accounts(s.account_id for s in slots)
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if merged["is_charged"]:
        rules = _rules_for(accounts)
        refusals, warnings = _check_slots(
            slots=[(accounts[s.account_id], s.starts_at, s.ends_at) for s in slots],
            rules=rules,
            is_charged=True,
            charged_acknowledged=acknowledge_charged or booking.charged_acknowledged,
            capacity=False,
        )
        _raise_if_refused(refusals, warnings)
    changes = {}
    for name, value in fields.items():
        old = getattr(booking, name)
        if old != value:
            secret = name in ("draft_text", "faq_text")
            changes[name] = {"changed": True} if secret else [_json_value(old), _json_value(value)]
            setattr(booking, name, value)
    if acknowledge_charged and merged["is_charged"]:
        booking.charged_acknowledged = True
    if not changes:
        return booking
    booking.save()
    # Calendar clients keep their copy unless the SEQUENCE grows.
    for slot in booking.slots.all():
        slot.sequence += 1
        slot.save(update_fields=["sequence", "updated_at"])
    _log(booking, by, BookingLog.Action.UPDATED, changes)
    return booking


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
    """Move one slot to a new time (and account); the rules apply as for a new booking."""
    booking = slot.booking
    _require_editable(booking, by)
    if slot.status != Status.PLANNED:
        raise ValidationError(_("Only a planned time can be moved."), code="not_planned")
    target = account or slot.account
    if (
        target.pk != slot.account_id
        and not bookable_accounts_for(booking.administration).filter(pk=target.pk).exists()
    ):
        raise ValidationError(
            _("%(account)s is not open for bookings by %(administration)s.")
            % {"account": target, "administration": booking.administration}
        )
    accounts = _lock_accounts([slot.account_id, target.pk])
    slot = BookingSlot.objects.select_for_update().select_related("account").get(pk=slot.pk)
    rules = _rules_for(accounts)
    target = accounts[target.pk]
    ends_at = ends_at or (starts_at + (slot.ends_at - slot.starts_at))
    refusals, warnings = _check_slots(
        slots=[(target, starts_at, ends_at)],
        rules=rules,
        is_charged=booking.is_charged,
        charged_acknowledged=acknowledge_charged,
        exclude_slot_ids=[slot.pk],
        now=now if now is not None else timezone.now(),
    )
    _raise_if_refused(refusals, warnings)
    before = _slot_json(slot)
    slot.account = target
    slot.starts_at, slot.ends_at = starts_at, ends_at
    slot.blocked_until = ends_at + rules[target.pk].min_gap
    slot.sequence += 1
    try:
        with transaction.atomic():
            slot.save(
                update_fields=["account", "starts_at", "ends_at", "blocked_until", "sequence", "updated_at"]
            )
    except IntegrityError as exc:
        raise _slot_taken_error(exc, [target]) from exc
    if acknowledge_charged and booking.is_charged and not booking.charged_acknowledged:
        booking.charged_acknowledged = True
        booking.save(update_fields=["charged_acknowledged", "updated_at"])
    _log(booking, by, BookingLog.Action.MOVED, {"slot": slot.pk, "from": before, "to": _slot_json(slot)})
    return slot


@transaction.atomic
def booking_cancel(*, booking: Booking, by: User, reason: str = "") -> Booking:
    """Cancel the booking and every planned slot; its times are free again at once."""
    _require_editable(booking, by)
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    cancelled = []
    for slot in booking.slots.filter(status=Status.PLANNED):
        slot.status = Status.CANCELLED
        slot.sequence += 1
        slot.save(update_fields=["status", "sequence", "updated_at"])
        cancelled.append(slot.pk)
    booking.status = Status.CANCELLED
    booking.save(update_fields=["status", "updated_at"])
    _log(booking, by, BookingLog.Action.CANCELLED, {"slots": cancelled, "reason": reason})
    return booking


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
    _log(
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
    _refresh_booking_status(slot.booking)
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
            _log(
                slot.booking,
                None,
                BookingLog.Action.MISSED,
                {"slot": slot.pk, "status": [Status.PLANNED, Status.MISSED]},
            )
            _refresh_booking_status(slot.booking)
            count += 1
    return count


# --- FAQ to the contact centre ---------------------------------------------------------------------


def comment_handler(booking: Booking, on: date | None = None) -> str:
    """Who handles the comments on the booking's posts: "kc" under an agreement, else "administration"."""
    if KcAgreement.objects.filter(administration_id=booking.administration_id).in_force(on).exists():
        return "kc"
    return "administration"


def faq_mails_send(*, now: datetime | None = None) -> int:
    """Enqueue the FAQ mail to KC for each high-activity slot whose previous working day has come.

    Runs several times a day from beat; the outbox key makes every run after the first a no-op.
    """
    now = now or timezone.now()
    today = _local(now).date()
    horizon_end = _day_bounds(today + timedelta(days=14))[1]
    slots = (
        BookingSlot.objects.filter(
            status=Status.PLANNED,
            booking__expects_high_activity=True,
            starts_at__gte=_day_bounds(today)[0],
            starts_at__lt=horizon_end,
            faq_sent_at__isnull=True,
        )
        .select_related("booking", "booking__administration", "booking__author", "account")
        .order_by("starts_at", "pk")
    )
    sent = 0
    for slot in slots:
        day = _local(slot.starts_at).date()
        if workdays.previous_working_day(day) > today:
            continue  # not yet: the mail goes the working day before
        with transaction.atomic():
            _enqueue_faq(slot=slot, day=day)
            slot.faq_sent_at = now
            slot.save(update_fields=["faq_sent_at", "updated_at"])
            _log(slot.booking, None, BookingLog.Action.FAQ_SENT, {"slot": slot.pk, "to": settings.KC_EMAIL})
        sent += 1
    return sent


def _enqueue_faq(*, slot: BookingSlot, day: date) -> None:
    mail_enqueue(
        key=f"faq:{slot.booking.pk}:{day.isoformat()}",
        name="faq",
        to=[settings.KC_EMAIL],
        context={"booking": slot.booking, "slot": slot},
    )


# --- AKN's data ------------------------------------------------------------------------------------


def channel_rule_save(*, by: User, account: SocialAccount, values: dict) -> ChannelRule:
    if not roles_of(by).is_akn:
        raise PermissionDenied
    rule, _created = ChannelRule.objects.update_or_create(
        account=account, defaults={**values, "updated_by": by}
    )
    return rule


def kc_agreement_save(*, by: User, administration: Administration, values: dict) -> KcAgreement:
    if not roles_of(by).is_akn:
        raise PermissionDenied
    agreement, _created = KcAgreement.objects.update_or_create(
        administration=administration, defaults={**values, "updated_by": by}
    )
    return agreement


def kc_agreement_end(*, by: User, agreement: KcAgreement) -> None:
    if not roles_of(by).is_akn:
        raise PermissionDenied
    agreement.delete()


# --- feeds -----------------------------------------------------------------------------------------


def feed_token_renew(*, token) -> None:
    from .models import new_feed_secret

    token.secret = new_feed_secret()
    token.renewed_at = timezone.now()
    token.save(update_fields=["secret", "renewed_at"])
