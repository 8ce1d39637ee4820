"""The calendar's part of the start page: "Ny bokning", the person's upcoming bookings, this week's
bookings of the accounts they answer for, and the free slots left this week on the city-wide accounts.

The counts come from one aggregate query. The free slots are the same for everyone and are kept by
accounts/summary.py: counted every minute, and anew after a booking changes, from two queries (the
city-wide accounts with their rules, and their live slots of the week) in one pass per account and day.
AKN's week (the city's) and a lead's (their förvaltning's, counted for every förvaltning in one query)
are kept the same way.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, F, Q, QuerySet
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import summary
from accounts.access import StartPage, roles_of
from accounts.models import Role, SocialAccount, User
from accounts.start import StartCard, StartLink, register

from .access import BOOKING_ROLES
from .models import Approval, BookingLog, BookingSlot, ChannelRule, Status
from .rules import UNBOOKABLE_PLATFORMS, free_starts, local, zone


def week_bounds(now: datetime) -> tuple[date, datetime, datetime]:
    """Monday of the local week of `now`, and the week's bounds as aware datetimes."""
    monday = local(now).date() - timedelta(days=local(now).weekday())
    z = zone()
    return (
        monday,
        datetime.combine(monday, time.min, z),
        datetime.combine(monday + timedelta(days=7), time.min, z),
    )


def _week_slots(user: User, start: datetime, end: datetime) -> QuerySet | None:
    """The week's live slots the person answers for, as ids: AKN all, a lead their förvaltning's
    bookings and accounts, an editor the accounts they edit. None: nobody's.

    A förvaltning books its own accounts and the city-wide ones (rules.bookable_q), so a lead's
    week is the slots on the förvaltning's accounts and those on the city-wide accounts that the
    förvaltning booked. Each part is read by account and start (slot_account_start), so it is bounded
    by the calendar's room on those accounts, and the parts are joined by UNION: one condition that
    ORs the booking's förvaltning with the account's joined every booking of the city."""
    rs = roles_of(user)
    week = BookingSlot.objects.live().filter(starts_at__gte=start, starts_at__lt=end).order_by()
    if rs.is_akn:
        return week.values("pk")
    parts = []
    leads = list(rs.administration_ids(Role.LEAD))  # the roles already read: no query
    if leads:
        parts.append(week.filter(account__administration_id__in=leads))
        parts.append(week.filter(account__is_citywide=True, booking__administration_id__in=leads))
    if rs.edited_account_ids:
        parts.append(week.filter(account_id__in=rs.edited_account_ids))
    if not parts:
        return None
    first, *rest = (part.values("pk") for part in parts)
    return first.union(*rest) if rest else first


def week_in_city(now: datetime) -> int:
    """The live slots of the week of `now` in the whole city (AKN's count, kept by summary)."""
    _monday, start, end = week_bounds(now)
    return BookingSlot.objects.live().filter(starts_at__gte=start, starts_at__lt=end).count()


FREE_SLOTS = "calendar-free-slots-this-week"


def free_slots_this_week(now: datetime) -> int:
    """Slots that can still be booked from now to Sunday on the city-wide accounts: per account and
    day, as many non-overlapping slots (length and gap) as the free times hold, up to the day's cap."""
    monday, start, end = week_bounds(now)
    # The accounts with their rules in one query (an account without a row has the defaults).
    accounts = list(
        SocialAccount.objects.open()
        .filter(is_citywide=True)
        .exclude(platform__in=UNBOOKABLE_PLATFORMS)
        .select_related("channel_rule")
        .only(
            "pk",
            "platform",
            "is_citywide",
            *(f"channel_rule__{f.name}" for f in ChannelRule._meta.concrete_fields),
        )
    )
    if not accounts:
        return 0
    rules = {a.pk: getattr(a, "channel_rule", None) for a in accounts}
    z = zone()
    live: dict[tuple[int, date], list[BookingSlot]] = defaultdict(list)
    # A gap may cross midnight: the day before the week and after it count as neighbours.
    for s in BookingSlot.objects.live().filter(
        account__in=accounts, starts_at__gte=start - timedelta(days=1), starts_at__lt=end + timedelta(days=1)
    ):
        live[(s.account_id, s.starts_at.astimezone(z).date())].append(s)
    today = local(now).date()
    total = 0
    for account in accounts:
        rule = rules.get(account.pk) or ChannelRule(account=account)
        step = rule.slot_length + rule.min_gap
        for offset in range(7):
            day = monday + timedelta(days=offset)
            if day < today:
                continue
            taken = live.get((account.pk, day), [])
            around = live.get((account.pk, day - timedelta(days=1)), []) + taken
            around += live.get((account.pk, day + timedelta(days=1)), [])
            room = rule.max_posts_per_day - len(taken)
            last = None
            for candidate in free_starts(day=day, rule=rule, live=around, now=now):
                if room <= 0:
                    break
                if last is None or candidate >= last + step:
                    total += 1
                    room -= 1
                    last = candidate
    return total


WEEK_IN_CITY = "calendar-week-in-city"
summary.register(FREE_SLOTS, free_slots_this_week)
summary.register(WEEK_IN_CITY, week_in_city)

WEEK_BY_ADMINISTRATION = "calendar-week-by-administration"


def week_by_administration(now: datetime) -> dict[int, int]:
    """The live slots of the week of `now` in each förvaltning's week, by its id: a lead's count of
    one förvaltning (kept by summary; `_week_slots` counts the same slots live). A förvaltning's
    week is the slots on its accounts and those on the other förvaltningar' city-wide accounts that
    it booked; each slot counts once per förvaltning, as the page's UNION counts it."""
    _monday, start, end = week_bounds(now)
    week = BookingSlot.objects.live().filter(starts_at__gte=start, starts_at__lt=end).order_by()
    counts: dict[int, int] = defaultdict(int)
    own = week.values_list("account__administration_id").annotate(n=Count("pk"))
    # A city-wide account's slot booked by its own förvaltning is in `own` already.
    booked = (
        week.filter(account__is_citywide=True)
        .exclude(booking__administration_id=F("account__administration_id"))
        .values_list("booking__administration_id")
        .annotate(n=Count("pk"))
    )
    for administration_id, n in own.union(booked, all=True):  # one round trip
        counts[administration_id] += n
    return dict(counts)


summary.register(WEEK_BY_ADMINISTRATION, week_by_administration)


def recount_calendar_figures(sender, created: bool = True, **kwargs) -> None:
    """A booking was made, moved or cancelled, or a channel's rule changed: the worker counts the
    free slots and the city's week anew."""
    summary.recount_soon(FREE_SLOTS, WEEK_IN_CITY, WEEK_BY_ADMINISTRATION)


def recount_week_by_administration(sender, **kwargs) -> None:
    """An account moved to another förvaltning or became city-wide (or no longer is): its slots
    move between the förvaltningar' weeks."""
    summary.recount_soon(WEEK_BY_ADMINISTRATION)


# Every change to a booking writes its log row (services/log.py); a rule is saved by its form.
post_save.connect(recount_calendar_figures, sender=BookingLog, dispatch_uid="start-free-slots-log")
post_save.connect(recount_calendar_figures, sender=ChannelRule, dispatch_uid="start-free-slots-rule")
post_save.connect(recount_week_by_administration, sender=SocialAccount, dispatch_uid="start-week-account")


def _counts(**querysets) -> dict[str, int]:
    """COUNT(*) of each queryset, as scalar subqueries of one SELECT: one query, each count planned
    on its own (an empty queryset counts 0 without SQL)."""
    parts, params, empty = [], [], set()
    for name, qs in querysets.items():
        try:
            sql, qs_params = qs.order_by().query.sql_with_params()
        except EmptyResultSet:
            empty.add(name)
            continue
        # The SQL is Django's own for a queryset, its values are parameters; `name` is ours.
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted_{name})")  # noqa: S608
        params.extend(qs_params)
    values = iter(())
    if parts:
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(parts), params)
            values = iter(cursor.fetchone())
    return {name: 0 if name in empty else next(values) for name in querysets}


@register
def calendar_cards(user: User, offers: StartPage, now: datetime) -> list[StartCard]:
    rs = roles_of(user)
    # CalendarAccess's rule, from the roles already read: no query.
    books = rs.is_akn or bool(rs.administration_ids(*BOOKING_ROLES))
    monday, start, end = week_bounds(now)
    leads = list(rs.administration_ids(Role.LEAD))
    # AKN's week is the whole city's, and a lead of one förvaltning who edits no account of their
    # own sees that förvaltning's: both kept by accounts/summary.py (a förvaltning's city-wide part
    # reads every city-wide booking of the week). Anyone else's week is counted here.
    kept_week = rs.is_akn or (len(leads) == 1 and not rs.edited_account_ids)
    week = None if kept_week else _week_slots(user, start, end)
    if not books and week is None and not kept_week:
        return []
    # The bookings waiting for this person's decision (a lead's förvaltningar, AKN's city), never
    # their own: counted over their held slots, in the same query.
    decides = rs.is_akn or bool(leads)
    waiting = Q(booking__approval=Approval.PENDING) & ~Q(booking__author=user)
    if not rs.is_akn:
        waiting &= Q(booking__administration_id__in=leads)
    # Each count on its own index (the booking's author, the week's starts, the waiting bookings),
    # in one round trip: one aggregate over every slot read the whole table at size L.
    live = BookingSlot.objects.live()
    none = live.none()
    counts = _counts(
        upcoming=live.filter(booking__author=user, status=Status.PLANNED, starts_at__gte=now)
        if books
        else none,
        week=week if week is not None else none,
        waiting=live.filter(waiting).values("booking").distinct() if decides else none,
    )
    week_counted_at = None
    if rs.is_akn:
        city_week = summary.summary(WEEK_IN_CITY, now)
        counts["week"], week_counted_at = city_week.value, city_week.counted_at
    elif kept_week:
        by_administration = summary.summary(WEEK_BY_ADMINISTRATION, now)
        counts["week"] = by_administration.value.get(leads[0], 0)
        week_counted_at = by_administration.counted_at
    iso = monday.isocalendar()
    week_url = reverse("calendar_booking:calendar-week", args=[iso.year, iso.week])
    links = []
    if books:
        links.append(StartLink(_("New booking"), reverse("calendar_booking:booking-create")))
        links.append(
            StartLink(
                _("Your upcoming bookings"),
                f"{reverse('calendar_booking:booking-list')}?status={Status.PLANNED}&mine=on",
                counts["upcoming"],
            )
        )
        free = summary.summary(FREE_SLOTS, now)
        links.append(
            StartLink(
                _("Free slots this week on the city-wide accounts"),
                week_url,
                free.value,
                counted_at=free.counted_at,
            )
        )
    if decides:
        links.append(
            StartLink(
                _("Bookings awaiting your approval"),
                reverse("calendar_booking:approval-list"),
                counts["waiting"],
                urgent=bool(counts["waiting"]),
            )
        )
    if week is not None or kept_week:
        label = _("This week's bookings in the city") if rs.is_akn else _("This week's bookings")
        links.append(StartLink(label, week_url, counts["week"], counted_at=week_counted_at))
    return [
        StartCard(
            title=_("The publishing calendar"),
            text=_("Book a place in the city's shared publishing calendar for your administration."),
            links=tuple(links),
            order=20,
            key="calendar",
        )
    ]
