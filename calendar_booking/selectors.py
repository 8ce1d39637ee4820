"""Reads for the calendar pages: the accounts shown, their slots in a period and the free times.

Each page reads a fixed number of queries whatever the number of bookings: one for the accounts,
one for their rules, one for the slots of the period (with booking, förvaltning and account joined).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q, QuerySet

from accounts.models import SocialAccount, User
from accounts.permissions import accounts_visible_to

from .models import BookingSlot, ChannelRule, Status


def zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def calendar_accounts(user: User, account: SocialAccount | None = None) -> QuerySet[SocialAccount]:
    """The rows of the calendar: the chosen account, else the city-wide accounts one books."""
    if account is not None:
        return accounts_visible_to(user).filter(pk=account.pk)
    return (
        SocialAccount.objects.filter(is_citywide=True)
        .exclude(platform=SocialAccount.Platform.X)
        .order_by("platform", "name", "pk")
    )


def period_slots(*, accounts: list[SocialAccount], start: datetime, end: datetime) -> list[BookingSlot]:
    """Live slots on these accounts that meet [start, end), with what the pages print joined."""
    return list(
        BookingSlot.objects.live()
        .filter(account__in=accounts)
        .between(start, end)
        .select_related("booking", "booking__administration", "account")
        .order_by("starts_at", "pk")
    )


def filter_slots(slots, *, administration=None, category: str = "", objective: str = "") -> list[BookingSlot]:
    # Done in Python on purpose: free times depend on every booking, the filters only hide some.
    return [
        s
        for s in slots
        if (administration is None or s.booking.administration_id == administration.pk)
        and (not category or s.booking.category == category)
        and (not objective or s.booking.objective == objective)
    ]


def rules_for(accounts: list[SocialAccount]) -> dict[int, ChannelRule]:
    rules = {r.account_id: r for r in ChannelRule.objects.filter(account__in=accounts)}
    return {a.pk: rules.get(a.pk) or ChannelRule(account=a) for a in accounts}


@dataclass
class Cell:
    day: date
    taken: list[BookingSlot] = field(default_factory=list)
    free: list[datetime] = field(default_factory=list)
    count: int = 0
    full: bool = False


def free_starts(*, day: date, rule: ChannelRule, live: list[BookingSlot], now: datetime) -> list[datetime]:
    """Starts on `day` at which a slot of the rule's length keeps the gap, the hours and the cap."""
    z = zone()
    same_day = [s for s in live if s.starts_at.astimezone(z).date() == day]
    if len(same_day) >= rule.max_posts_per_day:
        return []
    length, gap = rule.slot_length, rule.min_gap
    candidate = datetime.combine(day, rule.allowed_from, z)
    last = datetime.combine(day, rule.allowed_until, z) - length
    step = max(length, timedelta(minutes=30))
    free = []
    while candidate <= last:
        blocked_until = candidate + length + gap
        clash = any(s.starts_at < blocked_until and s.blocked_until > candidate for s in live)
        if not clash and candidate > now:
            free.append(candidate)
        candidate += step
    return free


def grid(
    *,
    accounts,
    days: list[date],
    slots: list[BookingSlot],
    shown: list[BookingSlot],
    rules,
    now,
    with_free: bool,
):
    """{account: [Cell per day]} with the shown (filtered) slots and the free starts."""
    z = zone()
    live_by_account: dict[int, list[BookingSlot]] = defaultdict(list)
    for s in slots:
        live_by_account[s.account_id].append(s)
    shown_by_key: dict[tuple[int, date], list[BookingSlot]] = defaultdict(list)
    for s in shown:
        shown_by_key[(s.account_id, s.starts_at.astimezone(z).date())].append(s)
    rows = []
    for account in accounts:
        rule = rules[account.pk]
        live = live_by_account.get(account.pk, [])
        cells = []
        for day in days:
            count = sum(1 for s in live if s.starts_at.astimezone(z).date() == day)
            cell = Cell(day=day, taken=shown_by_key.get((account.pk, day), []), count=count)
            cell.full = count >= rule.max_posts_per_day
            if with_free:
                cell.free = free_starts(day=day, rule=rule, live=live, now=now)
            cells.append(cell)
        rows.append((account, rule, cells))
    return rows


def day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    z = zone()
    return datetime.combine(first, time.min, z), datetime.combine(last + timedelta(days=1), time.min, z)


def slot_list(
    *, accounts_q: QuerySet | None, administration=None, category="", objective="", status="", since=None
):
    qs = BookingSlot.objects.select_related("booking", "booking__administration", "account")
    if accounts_q is not None:
        qs = qs.filter(account__in=accounts_q)
    if administration is not None:
        qs = qs.filter(booking__administration=administration)
    if category:
        qs = qs.filter(booking__category=category)
    if objective:
        qs = qs.filter(booking__objective=objective)
    if status:
        qs = qs.filter(status=status)
    if since is not None:
        qs = qs.filter(Q(starts_at__gte=since) | Q(status=Status.MISSED))
    return qs
