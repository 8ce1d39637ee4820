"""The City's working-day calendar: when the social media desk is staffed.

Response-time promises (SLA due times, "time left", FAQ mails "the working day before publication")
count only staffed time: weekdays between ``WORKING_HOURS_START`` and ``WORKING_HOURS_END`` wall-clock
time in ``TIME_ZONE``, except Swedish public holidays and the three eves the City also closes on
(julafton, midsommarafton, nyårsafton).

All arithmetic on instants is done in UTC, while each day's opening and closing are built from the
local calendar date. Adding a timedelta to a Stockholm datetime would be wall-clock arithmetic, and
adding one across midnight in UTC would drift by an hour at the daylight-saving changes; building
the boundaries per day avoids both.
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import NamedTuple
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

__all__ = [
    "add_working_hours",
    "holiday_name",
    "is_day_off",
    "is_last_working_day_before_day_off",
    "is_working_day",
    "is_working_time",
    "next_day_off",
    "next_working_day",
    "previous_working_day",
    "working_intervals",
    "working_time_between",
]

_ONE_DAY = timedelta(days=1)
_NOTHING = timedelta(0)
# Every week has a working day unless someone configures a year of holidays; this bounds the search
# in next_working_day() and friends so a broken calendar fails instead of hanging a worker.
_SEARCH_LIMIT_DAYS = 366


@functools.lru_cache(maxsize=64)
def _closed_days(year: int) -> dict[date, str]:
    # Building a holidays object costs about a millisecond; SLA batches ask about the same few years
    # hundreds of thousands of times, so each year is built once and kept as a plain dict.
    # language="sv" is explicit because the names otherwise follow LANG (C.UTF-8 gives English).
    # DE_FACTO adds julafton, midsommarafton and nyårsafton, which are not PUBLIC holidays in law.
    return dict(
        holidays.country_holidays(
            "SE",
            years=year,
            categories=(holidays.PUBLIC, holidays.DE_FACTO),
            include_sundays=False,
            language="sv",
        )
    )


def _is_day_off(d: date) -> bool:
    return d.weekday() >= 5 or d in _closed_days(d.year)


def _require_date(d: date) -> None:
    # A datetime is a date subclass but never equals a date key, so it would silently be a
    # "working day" even on Christmas Day.
    if isinstance(d, datetime):
        raise TypeError(f"expected a date, got a datetime ({d!r}); pass .date() of the local time")


def _require_aware(moment: datetime, name: str) -> None:
    # astimezone() on a naive datetime assumes the server's zone, which is wrong in a container.
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {moment!r}")


@functools.lru_cache(maxsize=32)
def _parse_hhmm(name: str, raw: str) -> time:
    hours, sep, minutes = raw.partition(":")
    if not (sep and hours.isdecimal() and minutes.isdecimal() and int(hours) < 24 and int(minutes) < 60):
        raise ImproperlyConfigured(f"{name}: expected HH:MM, got {raw!r}")
    return time(int(hours), int(minutes))


_HOURS_SETTINGS = frozenset({"WORKING_HOURS_START", "WORKING_HOURS_END", "TIME_ZONE"})
_hours: list[tuple[time, time, tzinfo]] = []  # the settings as read last: SLA batches ask per comment


def _working_hours() -> tuple[time, time, tzinfo]:
    # Read on first use rather than at import, and again after a test overrides one of the settings
    # (Django's setting_changed signal, below); the parsing itself is cached too.
    if not _hours:
        _hours[:] = [
            _working_hours_from(
                getattr(settings, "WORKING_HOURS_START", "08:00"),
                getattr(settings, "WORKING_HOURS_END", "17:00"),
                settings.TIME_ZONE,
            )
        ]
    return _hours[0]


@receiver(setting_changed)
def _forget_working_hours(*, setting: str, **kwargs) -> None:
    if setting in _HOURS_SETTINGS:
        _hours.clear()


@functools.lru_cache(maxsize=8)
def _working_hours_from(start: str, end: str, zone_name: str) -> tuple[time, time, tzinfo]:
    opening = _parse_hhmm("WORKING_HOURS_START", start)
    closing = _parse_hhmm("WORKING_HOURS_END", end)
    if opening >= closing:
        raise ImproperlyConfigured(
            f"WORKING_HOURS_START ({opening}) must be before WORKING_HOURS_END ({closing})"
        )
    return opening, closing, ZoneInfo(zone_name)


@functools.lru_cache(maxsize=4096)
def _opening_and_closing(day: date, opening: time, closing: time, zone: tzinfo) -> tuple[datetime, datetime]:
    # The boundaries are wall-clock times on that local date, so a day in the daylight-saving week
    # still has its full working hours; they are returned in UTC so that subtracting them gives
    # elapsed time (Python subtracts same-zone datetimes by wall clock).
    return (
        datetime.combine(day, opening, zone).astimezone(UTC),
        datetime.combine(day, closing, zone).astimezone(UTC),
    )


def _as_timedelta(hours: float | timedelta) -> timedelta:
    amount = hours if isinstance(hours, timedelta) else timedelta(hours=hours)
    if amount < _NOTHING:
        raise ValueError(f"hours must not be negative, got {hours!r}")
    return amount


def is_day_off(d: date) -> bool:
    """Whether the desk is closed all day: a weekend, a public holiday, or one of the three eves.

    The eves matter because nobody staffs the desk on julafton even though it is not a holiday in law.
    """
    _require_date(d)
    return _is_day_off(d)


def is_working_day(d: date) -> bool:
    """Whether the desk is staffed on this date; the complement of :func:`is_day_off`."""
    _require_date(d)
    return not _is_day_off(d)


def holiday_name(d: date) -> str | None:
    """The Swedish name of the holiday or eve on this date ("Julafton"), for messages to users.

    Ordinary weekends have no name and give None, so a caller can say why a day is closed only when
    there is something to say. Two holidays on one date are joined with "; " by the holidays library.
    """
    _require_date(d)
    return _closed_days(d.year).get(d)


def is_last_working_day_before_day_off(d: date) -> bool:
    """Whether d is staffed and the next day is not: the day to warn about a coming closure.

    Fridays count, as do days such as 2026-12-23 (before julafton) and 2026-05-13 (before Kristi
    himmelsfärdsdag).
    """
    _require_date(d)
    return not _is_day_off(d) and _is_day_off(d + _ONE_DAY)


def next_working_day(d: date) -> date:
    """The first working day strictly after d; "today" never counts, even if it is a working day."""
    _require_date(d)
    for _ in range(_SEARCH_LIMIT_DAYS):
        d += _ONE_DAY
        if not _is_day_off(d):
            return d
    raise ValueError(f"no working day within {_SEARCH_LIMIT_DAYS} days after {d}")


def previous_working_day(d: date) -> date:
    """The last working day strictly before d, e.g. when to send a FAQ mail before a publication."""
    _require_date(d)
    for _ in range(_SEARCH_LIMIT_DAYS):
        d -= _ONE_DAY
        if not _is_day_off(d):
            return d
    raise ValueError(f"no working day within {_SEARCH_LIMIT_DAYS} days before {d}")


def next_day_off(d: date) -> date:
    """The first day off strictly after d, e.g. to say "closed from Friday" before a long weekend."""
    _require_date(d)
    d += _ONE_DAY
    while not _is_day_off(d):  # a Saturday comes within 7 days
        d += _ONE_DAY
    return d


def is_working_time(moment: datetime) -> bool:
    """Whether the desk is staffed at this instant (opening inclusive, closing exclusive)."""
    _require_aware(moment, "moment")
    opening, closing, zone = _working_hours()
    day = moment.astimezone(zone).date()
    if _is_day_off(day):
        return False
    opens_at, closes_at = _opening_and_closing(day, opening, closing, zone)
    return opens_at <= moment < closes_at


def add_working_hours(start: datetime, hours: float | timedelta) -> datetime:
    """The instant when `hours` of staffed time have passed since `start`, in ``TIME_ZONE``.

    This is the SLA due time. Time before opening counts from opening and time after closing or on a
    day off from the next working day's opening, so a question on Saturday with 9 hours is due on
    Monday at closing. When the hours run out exactly at closing the result is that closing time, not
    the next opening. `start` may be in any zone; float hours are rounded to microseconds.
    """
    _require_aware(start, "start")
    remaining = _as_timedelta(hours)
    opening, closing, zone = _working_hours()
    moment = start.astimezone(UTC)
    plan = _day_plan(start.astimezone(zone).date(), remaining, opening, closing, zone)
    # The day's plan answers every start on that day in a comparison or two (SLA batches ask for
    # thousands of due times); `_walk` is the definition, and answers what the plan leaves open.
    if moment > plan.closes_at:
        return plan.after
    if moment <= plan.opens_at:
        return plan.before
    if moment + remaining <= plan.closes_at:
        return (moment + remaining).astimezone(zone)
    if plan.offset is not None and moment - plan.closes_at + remaining <= plan.next_length:
        return (moment + plan.offset).astimezone(zone)
    return _walk(moment, plan.day, remaining, opening, closing, zone)


class _DayPlan(NamedTuple):
    day: date
    opens_at: datetime  # UTC; on a day off both are the day's end, so every start is "after"
    closes_at: datetime
    before: datetime  # the due time of any start up to opening
    after: datetime  # ... and of any start after closing
    # A start inside the day whose hours run into the next working day is due at the next opening
    # plus what is left, which is the start plus this offset, while what is left fits that day.
    # On a day off every start is "before": both bounds are the end of the day.
    offset: timedelta | None
    next_length: timedelta


@functools.lru_cache(maxsize=1024)
def _day_plan(day: date, remaining: timedelta, opening: time, closing: time, zone: tzinfo) -> _DayPlan:
    if _is_day_off(day):
        end = datetime.combine(day + _ONE_DAY, time(0), zone).astimezone(UTC)
        after = _walk(end, day + _ONE_DAY, remaining, opening, closing, zone)
        return _DayPlan(day, end, end, after, after, None, _NOTHING)
    opens_at, closes_at = _opening_and_closing(day, opening, closing, zone)
    following = day + _ONE_DAY
    while _is_day_off(following):
        following += _ONE_DAY
    next_opens_at, next_closes_at = _opening_and_closing(following, opening, closing, zone)
    return _DayPlan(
        day=day,
        opens_at=opens_at,
        closes_at=closes_at,
        before=_walk(opens_at, day, remaining, opening, closing, zone),
        after=_walk(closes_at, day + _ONE_DAY, remaining, opening, closing, zone),
        offset=next_opens_at - closes_at + remaining,
        next_length=next_closes_at - next_opens_at,
    )


def _walk(moment: datetime, day: date, remaining: timedelta, opening: time, closing: time, zone) -> datetime:
    """The definition: walk the days from `day`, spending staffed time from `moment` (UTC) on."""
    while True:
        if not _is_day_off(day):
            opens_at, closes_at = _opening_and_closing(day, opening, closing, zone)
            cursor = max(moment, opens_at)
            if cursor <= closes_at:
                available = closes_at - cursor
                if remaining <= available:
                    return (cursor + remaining).astimezone(zone)
                remaining -= available
        day += _ONE_DAY


def working_time_between(start: datetime, end: datetime) -> timedelta:
    """Staffed time between two instants, for "time left" and for judging SLA compliance.

    Zero when end is not after start, so an overdue item simply has no time left. It is the inverse
    of :func:`add_working_hours`: ``working_time_between(s, add_working_hours(s, h)) == h``.
    """
    _require_aware(start, "start")
    _require_aware(end, "end")
    if end <= start:
        return _NOTHING
    opening, closing, zone = _working_hours()
    start_utc, end_utc = start.astimezone(UTC), end.astimezone(UTC)
    day, last_day = start.astimezone(zone).date(), end.astimezone(zone).date()
    total = _NOTHING
    while day <= last_day:
        if not _is_day_off(day):
            opens_at, closes_at = _opening_and_closing(day, opening, closing, zone)
            elapsed = min(closes_at, end_utc) - max(opens_at, start_utc)
            if elapsed > _NOTHING:
                total += elapsed
        day += _ONE_DAY
    return total


def working_intervals(first: date, last: date) -> list[tuple[datetime, datetime]]:
    """The staffed intervals (opening, closing) in UTC of the working days from `first` to `last`
    inclusive: what SQL needs to measure answer times in working hours without a loop per row."""
    _require_date(first)
    _require_date(last)
    opening, closing, zone = _working_hours()
    intervals = []
    day = first
    while day <= last:
        if not _is_day_off(day):
            intervals.append(_opening_and_closing(day, opening, closing, zone))
        day += _ONE_DAY
    return intervals
