"""The calendar's addresses, reversed once per URLconf and script prefix instead of on every page.

A month page linked some twenty addresses through reverse() (its weeks, its neighbours, the
navigation), each a walk of the URL resolver; the addresses differ only in their numbers.
"""

from __future__ import annotations

from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse


@lru_cache(maxsize=8)
def _reversed(urlconf, script_prefix: str) -> dict[str, str]:
    # The keys of the cache say which resolver and prefix reverse() reads; a pattern's numbers are
    # cut off its end (the path converters write them as plain numbers: helsocial/dates.py).
    def stem(name: str, *args) -> str:
        return reverse(f"calendar_booking:{name}", args=args)[: -len("".join(f"{a}/" for a in args))]

    return {
        "week": stem("calendar-week", 2000, 1),
        "month": stem("calendar-month", 2000, 1),
        "detail": stem("booking-detail", 1),
        **{
            key: reverse(f"calendar_booking:{name}")
            for key, name in {
                "index": "calendar-index",
                "list": "booking-list",
                "create": "booking-create",
                "export": "booking-export",
                "feeds": "feed-list",
                "approvals": "approval-list",
                "rules": "rule-list",
                "agreements": "agreement-list",
            }.items()
        },
    }


def urls() -> dict[str, str]:
    """The addresses without numbers, and the stems of those with: week, month, detail."""
    return _reversed(get_urlconf(), get_script_prefix())


def week(year: int, week_number: int) -> str:
    return f"{urls()['week']}{int(year)}/{int(week_number)}/"


def month(year: int, month_number: int) -> str:
    return f"{urls()['month']}{int(year)}/{int(month_number)}/"
