"""The booking rules, as pure functions: no database, no request, no role.

The booking services read what the rules need (the locked accounts with their channel rules, the
live slots of the affected days) and call these functions; the forms only parse and show what they
refuse. One statement of each rule: which accounts are bookable, what a booking's content must hold,
when a slot is taken or a day full, charged content late before a day off, the crisis override.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import SocialAccount
from helsocial import workdays

from .models import BookingSlot, Category, ChannelRule, MediaType

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
    "image_alt_text",
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
# Never shown in the log: the draft and the FAQ belong to the förvaltning.
SECRET_FIELDS = ("draft_text", "faq_text")

# X posts the city's press releases by itself: nobody books it unless AKN lets a booking (allow_x).
UNBOOKABLE_PLATFORMS = frozenset({SocialAccount.Platform.X})

# How far ahead a displaced slot may be moved before it is cancelled instead.
DISPLACEMENT_SEARCH_DAYS = 14
DISPLACEMENT_STEP = timedelta(minutes=15)


# --- time ------------------------------------------------------------------------------------------


def zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local(moment: datetime) -> datetime:
    return moment.astimezone(zone())


def fmt(moment: datetime) -> str:
    return date_format(local(moment), "Y-m-d H:i")


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The local day as [start, end): 23 or 25 hours on the days summer time starts or ends."""
    z = zone()
    return datetime.combine(day, time.min, z), datetime.combine(day + timedelta(days=1), time.min, z)


# --- which accounts are bookable -------------------------------------------------------------------


def bookable_q(administrations, *, allow_x: bool = False) -> Q:
    """The accounts these förvaltningar (ids or a queryset) book: the city-wide ones and their
    own, never a closed account; X only when AKN allows it for the booking (`allow_x`): the
    guideline lets the press account be used "i andra sammanhang om man bedömer det lämpligt", and
    AKN judges that."""
    q = (Q(is_citywide=True) | Q(administration__in=administrations)) & Q(closed_on__isnull=True)
    return q if allow_x else q & ~Q(platform__in=UNBOOKABLE_PLATFORMS)


def is_bookable(account: SocialAccount, administration_id: int, *, allow_x: bool = False) -> bool:
    """`bookable_q` for one account already read."""
    return (
        (allow_x or account.platform not in UNBOOKABLE_PLATFORMS)
        and not account.is_closed
        and (account.is_citywide or account.administration_id == administration_id)
    )


def not_bookable_error(account: SocialAccount, administration) -> ValidationError:
    return ValidationError(
        _("%(account)s is not open for bookings by %(administration)s.")
        % {"account": account, "administration": administration},
        code="account_not_bookable",
    )


# --- the booking's content -------------------------------------------------------------------------


def content_errors(fields: dict) -> dict[str, ValidationError]:
    """What the content of a booking misses, per field (the guideline's Målgrupp, FAQ for KC,
    advertising, captions, rights and consent)."""
    errors: dict[str, ValidationError] = {}

    def refuse(name: str, message: str, code: str) -> None:
        errors.setdefault(name, ValidationError(message, code=code))

    if not (fields.get("target_group") or "").strip():
        refuse("target_group", _("Say who you want to reach."), "target_group")
    if fields.get("expects_high_activity") and not (fields.get("faq_text") or "").strip():
        refuse(
            "faq_text", _("A booking that expects many comments needs a FAQ for the contact centre."), "faq"
        )
    if fields.get("is_advertising"):
        for name in ("ad_budget", "ad_starts_on", "ad_ends_on"):
            if fields.get(name) in (None, ""):
                refuse(name, _("Advertising needs a budget and a period."), "advertising")
    starts, ends = fields.get("ad_starts_on"), fields.get("ad_ends_on")
    if starts and ends and ends < starts:
        refuse("ad_ends_on", _("The advertising period must end after it starts."), "advertising_period")
    media = fields.get("media_type")
    if media == MediaType.IMAGE and not (fields.get("image_alt_text") or "").strip():
        refuse(
            "image_alt_text",
            _("Describe the image for those who cannot see it (alternative text)."),
            "alt_text",
        )
    if media == MediaType.VIDEO and not fields.get("captions_confirmed"):
        refuse("captions_confirmed", _("A video must be captioned (textning)."), "captions")
    if media in (MediaType.IMAGE, MediaType.VIDEO):
        if not fields.get("rights_confirmed"):
            refuse(
                "rights_confirmed",
                _("Confirm that the city has the rights to the images or video."),
                "rights",
            )
        if not fields.get("consent_confirmed"):
            refuse("consent_confirmed", _("Confirm that the people shown have agreed."), "consent")
    return errors


def no_slots_error() -> ValidationError:
    return ValidationError(_("Choose at least one account and time."), code="no_slots")


def raise_content_errors(fields: dict, *, no_slots: bool = False) -> None:
    errors: dict[str, list[ValidationError]] = {name: [e] for name, e in content_errors(fields).items()}
    if no_slots:
        errors[NON_FIELD_ERRORS] = [no_slots_error()]
    if errors:
        raise ValidationError(errors)


# --- the crisis override ---------------------------------------------------------------------------


class OverrideRefused(ValidationError, PermissionDenied):
    """A refused crisis override: a 403 to a caller that does not expect it, an error on the form
    to one that does (the booking view catches ValidationError)."""


def check_override(*, may_override: bool, category: str) -> None:
    """Only AKN overrides the calendar's capacity, and only for crisis information."""
    if not may_override:
        raise OverrideRefused(
            _("Only AKN may override the calendar's capacity."), code="override_not_allowed"
        )
    if category != Category.CIVIC_CRISIS:
        raise OverrideRefused(
            {
                "category": ValidationError(
                    _("Only crisis information may override the calendar's capacity."),
                    code="override_not_crisis",
                )
            }
        )


# --- the slots -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    """One slot asked for: the account (read under its lock) with its rule, a start and an end."""

    account: SocialAccount
    rule: ChannelRule
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class Refusal:
    account: SocialAccount
    code: str
    message: str


def affecting(*, account_id: int, rule: ChannelRule, day: date, until: datetime | None = None) -> Q:
    """The live slots on the account that a check of a slot on `day` must see: those of the local
    day (the per-day cap) and those that reach into it or into its last slot's gap; `until` is the
    end plus the gap of a slot that ends after the day (refused anyway, but exactly)."""
    day_start, day_end = day_bounds(day)
    reach = day_end + rule.min_gap
    return Q(
        account_id=account_id,
        starts_at__lt=max(reach, until) if until else reach,
        blocked_until__gt=day_start,
    )


def affects_day(slot: BookingSlot, *, day: date, rule: ChannelRule) -> bool:
    """`affecting` for a slot in memory (a displaced slot placed after its day was read)."""
    day_start, day_end = day_bounds(day)
    return slot.starts_at < day_end + rule.min_gap and slot.blocked_until > day_start


def request_affecting(request: Request) -> Q:
    return affecting(
        account_id=request.account.pk,
        rule=request.rule,
        day=local(request.starts_at).date(),
        until=request.ends_at + request.rule.min_gap,
    )


def charged_cutoff() -> time:
    hours, _sep, minutes = settings.CALENDAR_CHARGED_CUTOFF.partition(":")
    return time(int(hours), int(minutes))


def charged_late(moment: datetime) -> bool:
    """Whether a post at `moment` is "late on the last working day before a day off"."""
    moment = local(moment)
    return workdays.is_last_working_day_before_day_off(moment.date()) and moment.time() >= charged_cutoff()


def charged_is_hard_block(rule: ChannelRule) -> bool:
    return rule.block_late_charged or settings.CALENDAR_CHARGED_HARD_BLOCK


def _charged_message(account: SocialAccount, moment: datetime) -> str:
    """Names the day the guard protects: "sista arbetsdagen före julafton", or "före helgen"."""
    day = local(moment).date()
    next_off = workdays.next_day_off(day)
    holiday = workdays.holiday_name(next_off)
    reason = holiday.lower() if holiday else _("the weekend")
    return _(
        "%(account)s: charged content at %(time)s is late on the last working day before %(reason)s; "
        "comments would not be answered until %(next)s (rule: avoid charged content after %(cutoff)s "
        "on the last working day before a day off)."
    ) % {
        "account": account,
        "time": date_format(local(moment), "j b H:i"),
        "reason": reason,
        "next": date_format(workdays.next_working_day(next_off), "l j b"),
        "cutoff": settings.CALENDAR_CHARGED_CUTOFF,
    }


def _outside_hours(request: Request, rule: ChannelRule) -> bool:
    start, end = local(request.starts_at), local(request.ends_at)
    return end.date() != start.date() or start.time() < rule.allowed_from or end.time() > rule.allowed_until


def _clashes(starts_at: datetime, blocked_until: datetime, taken: Iterable[BookingSlot]) -> bool:
    return any(t.starts_at < blocked_until and t.blocked_until > starts_at for t in taken)


def _same_day(day: date, taken: Iterable[BookingSlot]) -> int:
    return sum(1 for t in taken if local(t.starts_at).date() == day)


def check_slots(
    requests: Sequence[Request],
    *,
    taken: dict[int, list[BookingSlot]],
    is_charged: bool,
    charged_acknowledged: bool,
    capacity: bool = True,
    now: datetime | None = None,
) -> tuple[list[Refusal], list[Refusal]]:
    """Refusals (hard) and warnings (charged content, to be acknowledged) for the requests.

    `taken` holds, per account, the live slots that `request_affecting` selects (the slot being
    moved left out). Two requests on one account keep the gap and count towards the day as well.
    """
    refusals: list[Refusal] = []
    warnings: list[Refusal] = []
    for index, request in enumerate(requests):
        account, rule = request.account, request.rule
        starts_at, ends_at = request.starts_at, request.ends_at
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
                    % {"account": account, "time": fmt(starts_at)},
                )
            )
        if _outside_hours(request, rule):
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
                        "time": fmt(starts_at),
                        "from": rule.allowed_from.strftime("%H:%M"),
                        "until": rule.allowed_until.strftime("%H:%M"),
                    },
                )
            )
        if capacity:
            refusal = _capacity_refusal(index, requests, taken.get(account.pk, []))
            if refusal is not None:
                refusals.append(refusal)
        if is_charged and charged_late(starts_at):
            refusal = Refusal(account, "charged_late", _charged_message(account, starts_at))
            if charged_is_hard_block(rule):
                refusals.append(refusal)
            elif not charged_acknowledged:
                warnings.append(refusal)
    return refusals, warnings


def _capacity_refusal(index: int, requests: Sequence[Request], taken: list[BookingSlot]) -> Refusal | None:
    request = requests[index]
    account, rule, starts_at = request.account, request.rule, request.starts_at
    blocked_until = request.ends_at + rule.min_gap
    siblings = [
        r
        for i, r in enumerate(requests)
        if i != index
        and r.account.pk == account.pk
        and r.starts_at < blocked_until
        and r.ends_at + rule.min_gap > starts_at
    ]
    if siblings or _clashes(starts_at, blocked_until, taken):
        return Refusal(
            account,
            "slot_taken",
            _(
                "%(account)s: %(time)s is taken – it overlaps another booking or its minimum gap "
                "of %(gap)s minutes (rule: minimum gap)."
            )
            % {"account": account, "time": fmt(starts_at), "gap": rule.min_gap_minutes},
        )
    day = local(starts_at).date()
    same_day = _same_day(day, taken) + sum(
        1 for r in requests[:index] if r.account.pk == account.pk and local(r.starts_at).date() == day
    )
    if same_day >= rule.max_posts_per_day:
        return Refusal(
            account,
            "day_full",
            _("%(account)s: %(day)s already has %(count)s posts (rule: at most %(max)s posts per day).")
            % {"account": account, "day": day.isoformat(), "count": same_day, "max": rule.max_posts_per_day},
        )
    return None


def refusal_error(refusals: list[Refusal], warnings: list[Refusal]) -> ValidationError | None:
    if refusals:
        return ValidationError([ValidationError(r.message, code=r.code) for r in refusals])
    if warnings:
        return ValidationError(
            [ValidationError(w.message, code="charged_needs_ack") for w in warnings]
            + [
                ValidationError(
                    _("Tick “I have read the warning” to book it anyway."), code="charged_needs_ack"
                )
            ]
        )
    return None


# --- free times ------------------------------------------------------------------------------------


def free_starts(*, day: date, rule: ChannelRule, live: list[BookingSlot], now: datetime) -> list[datetime]:
    """The week page's free times on `day`: starts at which a slot of the rule's length keeps the
    gap, the hours and the cap, every half hour or slot length.

    `live` needs only the account's slots of the day and its neighbours (a gap may cross midnight).
    """
    if _same_day(day, live) >= rule.max_posts_per_day:
        return []
    z = zone()
    length, gap = rule.slot_length, rule.min_gap
    candidate = datetime.combine(day, rule.allowed_from, z)
    last = datetime.combine(day, rule.allowed_until, z) - length
    step = max(length, timedelta(minutes=30))
    free = []
    while candidate <= last:
        if candidate > now and not _clashes(candidate, candidate + length + gap, live):
            free.append(candidate)
        candidate += step
    return free


def first_free_start(
    *,
    day: date,
    rule: ChannelRule,
    taken: list[BookingSlot],
    after: datetime,
    before: datetime,
    length: timedelta,
) -> datetime | None:
    """The first start on `day` in [after, before), every DISPLACEMENT_STEP from `after` (or from
    the day's opening), where a slot of `length` keeps the hours, the gap and the cap; `taken` as
    `affecting` selects for the day."""
    if _same_day(day, taken) >= rule.max_posts_per_day:
        return None
    z = zone()
    opening = datetime.combine(day, rule.allowed_from, z)
    closing = datetime.combine(day, rule.allowed_until, z)
    candidate = max(after, opening)
    while candidate < before and candidate + length <= closing and local(candidate + length).date() == day:
        if not _clashes(candidate, candidate + length + rule.min_gap, taken):
            return candidate
        candidate += DISPLACEMENT_STEP
    return None
