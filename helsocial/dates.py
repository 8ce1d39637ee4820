"""Dates and times from outside — addresses, query strings, forms, page cursors — kept to the years
the portal's arithmetic can handle.

Python's dates end at year 1 and year 9999: the week after 9999-12-25, the day after 9999-12-31 or
midnight of 0001-01-01 Stockholm time in UTC raise OverflowError, deep inside a service. So every
date that comes from outside is checked here first and refused with a Swedish message when it falls
outside FIRST_DAY..LAST_DAY: wide enough for any date the portal deals in, far enough from both ends
that a year of arithmetic and any time zone offset stay inside.

- `parse_day`, `parse_moment`: an ISO text to a date or a time, None when it is not a usable one;
- `day_param`: a date in the query string, or a 400 (`BadInput`) saying how to write it;
- `DayField`, `MomentField`, `validate_in_range`: the same bounds for forms (`helsocial.fields.formfield`
  gives them to every ModelForm's date fields);
- `YearConverter`, `MonthConverter`, `WeekConverter`: `<year:…>` in a URL pattern; outside → 404.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import BadInput

FIRST_YEAR = 1900
LAST_YEAR = 2999
FIRST_DAY = date(FIRST_YEAR, 1, 1)
LAST_DAY = date(LAST_YEAR, 12, 31)


def in_range(value: date) -> bool:
    """True for a date, or a time (on its own wall clock), within FIRST_DAY..LAST_DAY."""
    day = value.date() if isinstance(value, datetime) else value
    return FIRST_DAY <= day <= LAST_DAY


def validate_in_range(value: date | None) -> None:
    if value is not None and not in_range(value):
        raise ValidationError(
            gettext_lazy("Give a date between %(first)s and %(last)s."),
            code="date_range",
            params={"first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()},
        )


def parse_day(raw: object) -> date | None:
    """`raw` as an ISO date (YYYY-MM-DD); None when it is empty, malformed, impossible (2026-02-30)
    or outside the range."""
    if not isinstance(raw, str):
        return None
    try:
        value = parse_date(raw.strip())
    except ValueError:  # well formed but impossible
        return None
    return value if value is not None and in_range(value) else None


def parse_moment(raw: object) -> datetime | None:
    """`raw` as an ISO date and time, with or without an offset; None as for `parse_day`."""
    if not isinstance(raw, str):
        return None
    try:
        value = parse_datetime(raw.strip())
    except (ValueError, OverflowError):
        return None
    return value if value is not None and in_range(value) else None


def day_param(query: Mapping[str, str], name: str, *, required: bool = False) -> date | None:
    """The date in `query[name]`; None when it is absent (and not required), else a 400 that says
    how to write it."""
    raw = query.get(name) or ""
    if not raw and not required:
        return None
    value = parse_day(raw)
    if value is None:
        raise BadInput(
            _("Give %(name)s as a date written YYYY-MM-DD, between %(first)s and %(last)s.")
            % {"name": name, "first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()}
        )
    return value


class DayField(forms.DateField):
    """A form's date within the range."""

    default_validators = [validate_in_range]


class MomentField(forms.DateTimeField):
    """A form's date and time within the range."""

    default_validators = [validate_in_range]


class _BoundedNumber:
    regex = "[0-9]{1,2}"
    low, high = 1, 12

    def to_python(self, value: str) -> int:
        number = int(value)
        if not self.low <= number <= self.high:
            raise ValueError(value)  # no match: the address is a 404
        return number

    def to_url(self, value: int) -> str:
        # Not checked: a link one step past the range (the week before the first) is a plain 404.
        return str(int(value))


class YearConverter(_BoundedNumber):
    regex = "[0-9]{4}"
    low, high = FIRST_YEAR, LAST_YEAR


class MonthConverter(_BoundedNumber):
    low, high = 1, 12


class WeekConverter(_BoundedNumber):
    low, high = 1, 53
