"""Reads for the calendar pages: the accounts shown, their slots in a period and the free times.

Each page reads a fixed number of queries whatever the number of bookings: one for the accounts,
one for their rules, one for the slots of the period (with booking, förvaltning and account joined).
Rows come shaped for the templates, as data: each shown slot carries `can_open`, whether the person
may open its booking (the access layer's `openable` förvaltningar: in the list's query; for the
week's and month's rows, from the ids the roles already read); never markup and never a role.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import quote

from django.db import connection
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, Extract, RowNumber, TruncDate
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Administration, SocialAccount, User
from helsocial.pagination import KeysetPage, keyset_after, keyset_page

from . import links
from .log_sentences import sentence
from .models import (
    Approval,
    Booking,
    BookingSlot,
    CalendarFeedToken,
    Category,
    ChannelRule,
    KcAgreement,
    Status,
)
from .rules import UNBOOKABLE_PLATFORMS, bookable_q, free_starts, zone


def with_can_open(slots: QuerySet[BookingSlot], openable: QuerySet[Administration]) -> QuerySet[BookingSlot]:
    """Each slot with `can_open`: whether its booking's förvaltning is among `openable` (the access
    layer's answer for the person), computed in the same query."""
    return slots.annotate(
        can_open=ExpressionWrapper(Q(booking__administration__in=openable), output_field=BooleanField())
    )


def with_bookings(accounts: QuerySet[SocialAccount]) -> QuerySet[SocialAccount]:
    """Leave out the accounts nobody books (X): the calendar has nothing to show for them."""
    return accounts.exclude(platform__in=UNBOOKABLE_PLATFORMS)


def bookable_accounts(administrations, *, allow_x: bool = False) -> QuerySet[SocialAccount]:
    """The accounts these förvaltningar book, for the booking and move forms (X where AKN books)."""
    return SocialAccount.objects.filter(bookable_q(administrations, allow_x=allow_x)).order_by(
        "platform", "name"
    )


# The week and the month show at most this many accounts: the page's cost follows what it shows,
# whatever the number of accounts; the filter's search finds the others.
ROW_LIMIT = 10


@dataclass
class ShownAccounts:
    accounts: list[SocialAccount]
    more: bool  # more accounts match than the page shows: search to narrow


def calendar_accounts(
    visible: QuerySet[SocialAccount],
    *,
    own: Iterable[int] = (),
    account: SocialAccount | None = None,
    search: str = "",
    limit: int = ROW_LIMIT,
) -> ShownAccounts:
    """The rows of the calendar: the chosen account (among `visible`), else at most `limit` of the
    visible accounts one books (matching `search`, if any): those of the person's own förvaltningar
    (`own`) first, then the city-wide ones, then the rest by name."""
    if account is not None:
        return ShownAccounts([account], more=False)
    words = " ".join(search.split())
    if words:  # X too, which AKN may let a booking use
        accounts = visible.open().filter(Q(name__icontains=words) | Q(handle__icontains=words))
    else:
        accounts = with_bookings(visible.open())  # a closed account leaves the calendar
    # What the rows print (the name, the platform) and each account's channel rule joined (the
    # week's free times read it): no query of their own, and none of the accounts' long texts.
    accounts = accounts.select_related("channel_rule").only(
        "name", "platform", "is_citywide", "administration_id", "channel_rule"
    )
    own = list(own)
    if own:
        place = Case(
            When(Q(administration_id__in=own, is_citywide=False), then=Value(0)),
            When(is_citywide=True, then=Value(1)),
            default=Value(2),
        )
        accounts = accounts.annotate(place=place).order_by("place", "name", "pk")
    else:  # the same order, read from an index (account_citywide_first) instead of sorting them all
        accounts = accounts.order_by("-is_citywide", "name", "pk")
    rows = list(accounts[: limit + 1])
    return ShownAccounts(rows[:limit], more=len(rows) > limit)


@dataclass(frozen=True, slots=True)
class ShownAdministration:
    name: str
    short_name: str


@dataclass(frozen=True, slots=True)
class ShownBooking:
    pk: int
    title: str
    category: str
    objective: str
    administration_id: int
    administration: ShownAdministration
    approval: str = ""  # Approval: "pending" while a lead has not decided


@dataclass(frozen=True, slots=True)
class ShownSlot:
    """A slot as the calendar's cells read it: plain values, not a model (a week at size L reads
    a few hundred, and three model instances each were a third of the page's time)."""

    pk: int
    account_id: int
    account: SocialAccount
    starts_at: datetime
    ends_at: datetime
    blocked_until: datetime
    status: str
    can_open: bool
    booking: ShownBooking


def _micros(name: str) -> Cast:
    # A timestamp with time zone loads through Django's Python loader (4 µs each: half of reading a
    # week's few hundred slots); PostgreSQL's integers load in C. Microseconds since the epoch
    # (EXTRACT gives an exact numeric) keep the time exactly.
    return Cast(Extract(name, "epoch", tzinfo=UTC) * 1_000_000, BigIntegerField())


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _moment(micros: int) -> datetime:
    return _EPOCH + timedelta(microseconds=micros)


def _times(slots: QuerySet[BookingSlot]) -> tuple[QuerySet[BookingSlot], tuple[str, ...], Callable]:
    """The slots with their three times to read, and how to turn what is read into a datetime: as
    integers on PostgreSQL (above); SQLite, the embedded default, has no epoch to extract and reads
    its times as text anyway."""
    if connection.vendor != "postgresql":
        return slots, ("starts_at", "ends_at", "blocked_until"), lambda moment: moment
    times = {"starts_us": "starts_at", "ends_us": "ends_at", "blocked_us": "blocked_until"}
    return slots.annotate(**{us: _micros(name) for us, name in times.items()}), tuple(times), _moment


def _shown(
    slots: QuerySet[BookingSlot], accounts: list[SocialAccount], openable: frozenset[int] | None
) -> list[ShownSlot]:
    """The slots with only what the cells print, each given its account from `accounts` and
    `can_open`: whether its booking's förvaltning is among `openable` (None: all)."""
    by_pk = {a.pk: a for a in accounts}
    slots, times, moment = _times(slots)
    # One per förvaltning, not one per row.
    administrations: dict[int, ShownAdministration] = {}
    rows = slots.values_list(
        "pk",
        "account_id",
        *times,
        "status",
        "booking_id",
        "booking__title",
        "booking__category",
        "booking__objective",
        "booking__administration_id",
        "booking__administration__name",
        "booking__administration__short_name",
        "booking__approval",
    )
    return [
        ShownSlot(
            pk=pk,
            account_id=account_id,
            account=by_pk[account_id],
            starts_at=moment(starts_at),
            ends_at=moment(ends_at),
            blocked_until=moment(blocked_until),
            status=status,
            can_open=openable is None or admin_id in openable,
            booking=ShownBooking(
                booking_id,
                title,
                category,
                objective,
                admin_id,
                administrations.get(admin_id)
                or administrations.setdefault(admin_id, ShownAdministration(name, short)),
                approval,
            ),
        )
        for (
            pk,
            account_id,
            starts_at,
            ends_at,
            blocked_until,
            status,
            booking_id,
            title,
            category,
            objective,
            admin_id,
            name,
            short,
            approval,
        ) in rows
    ]


def period_slots(
    *, accounts: list[SocialAccount], start: datetime, end: datetime, openable: frozenset[int] | None
) -> list[ShownSlot]:
    """Live slots on these accounts that meet [start, end), with what the pages print joined."""
    slots = (
        BookingSlot.objects.live()
        .filter(account__in=accounts)
        .between(start, end)
        .order_by("starts_at", "pk")
    )
    return _shown(slots, accounts, openable)


def _booking_filters(*, administration=None, category: str = "", objective: str = "") -> Q:
    q = Q()
    if administration is not None:  # the förvaltningar the filter's words match
        q &= Q(booking__administration__in=administration)
    if category:
        q &= Q(booking__category=category)
    if objective:
        q &= Q(booking__objective=objective)
    return q


@dataclass
class MonthDays:
    taken: dict[date, int]  # live slots starting that (local) day, filters or not
    shown: dict[date, int]  # of those, the ones the filters show
    first: dict[date, list[ShownSlot]]  # the first `limit` shown, by start, with `can_open`


def month_days(
    *,
    accounts: list[SocialAccount],
    start: datetime,
    end: datetime,
    limit: int,
    openable: frozenset[int] | None,
    administration=None,
    category: str = "",
    objective: str = "",
) -> MonthDays:
    """What the month's cells print, read in the database: per day the number of live slots and
    of shown ones (one GROUP BY), and the first `limit` shown slots of each day (one query ranking
    them per day), so the page reads a few hundred rows however busy the accounts are."""
    z = zone()
    live = BookingSlot.objects.live().filter(account__in=accounts, starts_at__gte=start, starts_at__lt=end)
    shown_q = _booking_filters(administration=administration, category=category, objective=objective)
    taken, shown = {}, {}
    rows = (
        live.annotate(day=TruncDate("starts_at", tzinfo=z))
        .order_by()
        .values("day")
        .annotate(taken=Count("pk"), shown=Count("pk", filter=shown_q) if shown_q else Count("pk"))
    )
    for row in rows:
        taken[row["day"]], shown[row["day"]] = row["taken"], row["shown"]
    # Ranked on the slots alone, joined afterwards: the joins then touch only the rows shown.
    ranked = (
        live.filter(shown_q)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[TruncDate("starts_at", tzinfo=z)],
                order_by=[F("starts_at").asc(), F("pk").asc()],
            )
        )
        .filter(rank__lte=limit)
        .values("pk")
        .order_by()[
            # At most `limit` a day anyway: saying so lets PostgreSQL fetch the few rows by key
            # instead of planning for every slot of the period.
            : limit * ((end - start).days + 2)
        ]
    )
    first: dict[date, list[ShownSlot]] = defaultdict(list)
    shown_slots = BookingSlot.objects.filter(pk__in=ranked).order_by("starts_at", "pk")
    for slot in _shown(shown_slots, accounts, openable):
        first[slot.starts_at.astimezone(z).date()].append(slot)
    return MonthDays(taken=taken, shown=shown, first=first)


def filter_slots(slots, *, administration=None, category: str = "", objective: str = "") -> list[ShownSlot]:
    # Done in Python on purpose: free times depend on every booking, the filters only hide some.
    if administration is None and not category and not objective:
        return slots  # the same list: the week groups it once
    ids = None if administration is None else set(administration.values_list("pk", flat=True))
    return [
        s
        for s in slots
        if (ids is None or s.booking.administration_id in ids)
        and (not category or s.booking.category == category)
        and (not objective or s.booking.objective == objective)
    ]


def rules_for(accounts: list[SocialAccount]) -> dict[int, ChannelRule]:
    """Each account's rule, its own or the defaults: as joined by calendar_accounts, else read in
    one query (an account chosen by the filter)."""
    rules: dict[int, ChannelRule | None] = {}
    unread = []
    for account in accounts:
        if SocialAccount.channel_rule.is_cached(account):
            rules[account.pk] = getattr(account, "channel_rule", None)
        else:
            unread.append(account)
    if unread:
        rules |= {r.account_id: r for r in ChannelRule.objects.filter(account__in=unread)}
    return {a.pk: rules.get(a.pk) or ChannelRule(account=a) for a in accounts}


@dataclass(slots=True)
class SlotView:
    """A taken slot as the week's cells and the month's days print it: text only, no model."""

    category: str  # the booking's category, for its colour
    start_iso: str
    times: str  # "09:15–10:15", local
    title: str
    href: str  # the booking's page, or "" when the person may not open it
    who: str  # "SBF · Tips och råd"
    status: str  # "" while planned (or "awaiting approval"), else the status's name


class SlotViews:
    """Builds `SlotView`s; the booking pages' address is reversed once, not per slot."""

    def __init__(self):
        self._detail = links.urls()["detail"]
        # The choices' names translated once: a lazy name is translated again on each use.
        self._categories = {value: str(label) for value, label in Category.choices}
        self._statuses = {value: str(label) for value, label in Status.choices}
        self._awaiting = str(Approval.PENDING.label)
        self._zone = zone()
        # "SBF · Tips och råd" once per förvaltning and category, not once per slot.
        self._who: dict[tuple[int, str], str] = {}

    def _status(self, status: str, approval: str) -> str:
        # A planned slot says nothing, unless its booking still awaits a lead's approval.
        if status == Status.PLANNED:
            return self._awaiting if approval == Approval.PENDING else ""
        return self._statuses.get(status, status)

    def _who_of(self, booking: ShownBooking) -> str:
        key = (booking.administration_id, booking.category)
        if (who := self._who.get(key)) is None:
            administration = booking.administration
            category = self._categories.get(booking.category, booking.category)
            who = self._who[key] = f"{administration.short_name or administration.name} · {category}"
        return who

    def __call__(self, slot: ShownSlot) -> SlotView:
        # A week reads a few hundred: the local times formatted by hand (strftime is slower).
        start, end = slot.starts_at.astimezone(self._zone), slot.ends_at.astimezone(self._zone)
        booking = slot.booking
        return SlotView(
            category=booking.category,
            start_iso=slot.starts_at.isoformat(),
            times=f"{start.hour:02}:{start.minute:02}–{end.hour:02}:{end.minute:02}",
            title=booking.title,
            href=f"{self._detail}{booking.pk}/" if slot.can_open else "",
            who=self._who_of(booking),
            status=self._status(slot.status, booking.approval),
        )


# A week row of a busy account would otherwise print dozens of free times per day.
FREE_SHOWN = 6


@dataclass
class Cell:
    day: date
    taken: list[SlotView] = field(default_factory=list)
    free: list[tuple[str, str]] = field(default_factory=list)  # (HH:MM, address of the pre-filled form)
    free_more: str = ""  # "and 3 more free", when more than FREE_SHOWN are free
    free_label: str = ""  # the list's accessible name: account and day
    count: int = 0
    full: bool = False
    holiday: str = ""  # the red day's name ("Julafton"), set by the page
    heading: str = ""  # the day as the agenda labels it ("fre 25 dec Juldagen")
    html: str = ""  # the cell as cells.week_cell writes it


def grid(
    *,
    accounts,
    days: list[date],
    slots: list[ShownSlot],
    shown: list[ShownSlot],
    rules,
    now,
    with_free: bool,
    create_url: str = "",
):
    """[(account, rule, [Cell per day])] with the shown (filtered) slots and the free starts.

    One pass groups the slots by (account, local day), so the work grows with the slots and the
    cells, not with their product.
    """
    z = zone()
    view = SlotViews()
    live_by_key: dict[tuple[int, date], list[ShownSlot]] = defaultdict(list)
    for s in slots:
        live_by_key[(s.account_id, s.starts_at.astimezone(z).date())].append(s)
    shown_by_key: dict[tuple[int, date], list[ShownSlot]] = live_by_key
    if shown is not slots:  # filtered
        shown_by_key = defaultdict(list)
        for s in shown:
            shown_by_key[(s.account_id, s.starts_at.astimezone(z).date())].append(s)
    one_day = timedelta(days=1)
    # Formatted and translated once a page, not once a cell.
    day_names = {day: date_format(day, "l j F") for day in days} if with_free else {}
    free_label, free_more = _("Free times on %(account)s, %(day)s"), _("and %(n)s more free")
    rows = []
    for account in accounts:
        rule = rules[account.pk]
        cells = []
        for day in days:
            live = live_by_key.get((account.pk, day), [])
            taken = [view(s) for s in shown_by_key.get((account.pk, day), [])]
            cell = Cell(day=day, taken=taken, count=len(live))
            cell.full = cell.count >= rule.max_posts_per_day
            if with_free and not cell.full:
                around = (
                    live_by_key.get((account.pk, day - one_day), [])
                    + live
                    + live_by_key.get((account.pk, day + one_day), [])
                )
                starts = free_starts(day=day, rule=rule, live=around, now=now)
                cell.free = [
                    (
                        start.astimezone(z).strftime("%H:%M"),
                        f"{create_url}?account={account.pk}&start={quote(start.astimezone(z).isoformat())}",
                    )
                    for start in starts[:FREE_SHOWN]
                ]
                if len(starts) > FREE_SHOWN:
                    cell.free_more = free_more % {"n": len(starts) - FREE_SHOWN}
                cell.free_label = free_label % {"account": account.name, "day": day_names[day]}
            cells.append(cell)
        rows.append((account, rule, cells))
    return rows


def period_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    z = zone()
    return datetime.combine(first, time.min, z), datetime.combine(last + timedelta(days=1), time.min, z)


def slot_list(*, accounts_q: QuerySet | None, administration=None, category="", objective="", status=""):
    qs = BookingSlot.objects.select_related("booking", "booking__administration", "account").defer(
        "account__access_token"  # decrypted per row, and never shown
    )
    if accounts_q is not None:
        qs = qs.filter(account__in=accounts_q)
    if administration is not None:
        qs = qs.filter(booking__administration__in=administration)
    if category:
        qs = qs.filter(booking__category=category)
    if objective:
        qs = qs.filter(booking__objective=objective)
    if status:
        qs = qs.filter(status=status)
    return qs


# What the list page's rows print (cells.ListRows).
LIST_ROW_FIELDS = (
    "starts_at",
    "status",
    "account__name",
    "account__platform",
    "booking__title",
    "booking__category",
    "booking__objective",
    "booking__approval",
    "booking__administration__name",
)


LIST_ORDER = ("starts_at", "id")


def slot_list_page(
    slots: QuerySet[BookingSlot],
    *,
    after: str | None,
    size: int,
    openable: QuerySet[Administration],
    since: datetime | None = None,
    status: str = "",
) -> KeysetPage:
    """One page of the list, earliest first, keyset-paged on (starts_at, id), with `can_open`: with
    `since`, the slots from then on and the missed ones before it (`status`: the status filtered on).

    "From then on, or missed" as one condition made PostgreSQL walk the time index from the first
    slot ever, past every published one, to find the missed: a cost that grew with the history. Here
    the missed before `since` are read from their own index (slot_missed_start) and the rest from
    `since` on (slot_start_with_account), each part at most a page after the cursor; the page's rows
    are then read by id, the joins touching only them."""
    if since is not None:
        if status == Status.MISSED:
            pass  # every missed slot, whenever: the condition holds for them all
        elif status:
            slots = slots.filter(starts_at__gte=since)
        elif connection.features.supports_slicing_ordering_in_compound:
            read = size + 1  # a page, and whether another follows
            earlier, coming = (
                keyset_after(part, order=LIST_ORDER, after=after).order_by(*LIST_ORDER).values("pk")[:read]
                for part in (
                    slots.filter(status=Status.MISSED, starts_at__lt=since),
                    slots.filter(starts_at__gte=since),
                )
            )
            slots = _list_rows().filter(pk__in=earlier.union(coming, all=True))
        else:  # SQLite, the embedded default, orders no part of a UNION: one condition there
            slots = slots.filter(Q(starts_at__gte=since) | Q(status=Status.MISSED))
    return keyset_page(with_can_open(slots, openable), order=LIST_ORDER, after=after, size=size)


def _list_rows() -> QuerySet[BookingSlot]:
    """What the list's rows print (cells.ListRows), for slots already chosen."""
    return BookingSlot.objects.select_related("booking", "booking__administration", "account").only(
        *LIST_ROW_FIELDS
    )


# --- one booking ------------------------------------------------------------------------------------


def comment_handler(booking: Booking, on: date | None = None) -> str:
    """Who handles the comments on the booking's posts: "kc" under an agreement, else "administration"."""
    if KcAgreement.objects.filter(administration_id=booking.administration_id).in_force(on).exists():
        return "kc"
    return "administration"


def booking_slots(booking: Booking) -> list[BookingSlot]:
    return list(booking.slots.select_related("account").defer("account__access_token"))


def booking_log_rows(booking: Booking) -> list[dict]:
    """The log, oldest first: each entry with its Swedish sentence (the draft and the FAQ only as
    "changed", as the log stores them)."""
    return [{"entry": entry, "sentence": sentence(entry)} for entry in booking.log.select_related("actor")]


# --- AKN's settings ---------------------------------------------------------------------------------


def channel_rule_rows() -> list[dict]:
    """Every account with its rule: its own (`custom`), or the defaults."""
    accounts = (
        SocialAccount.objects.select_related("administration")
        .prefetch_related(Prefetch("channel_rule", queryset=ChannelRule.objects.all()))
        .defer("access_token")
        .order_by("-is_citywide", "name", "platform")
    )
    rows = []
    for account in accounts:
        try:
            rule, custom = account.channel_rule, True
        except ChannelRule.DoesNotExist:
            rule, custom = ChannelRule(account=account), False
        rows.append({"account": account, "rule": rule, "custom": custom})
    return rows


def kc_agreements() -> QuerySet[KcAgreement]:
    return KcAgreement.objects.select_related("administration", "updated_by")


def feed_tokens(owner: User) -> QuerySet[CalendarFeedToken]:
    return CalendarFeedToken.objects.filter(owner=owner).select_related("administration", "account")
