"""When a comment is due: "Vi svarar inom 24 timmar under arbetstid, vardagar 8–17".

The clock runs in the city's working hours (`helsocial.workdays`): questions and direct messages are
due after SLA_WORKING_HOURS of staffed time, threats, racism and personal attacks after the shorter
SLA_URGENT_WORKING_HOURS. A direct message on a Meta platform can only be answered within Meta's
messaging window (24 hours from the person's last message), so it sorts by that when it ends first.

A mention of the city in someone else's post is not a question to the city: "Gör gärna detta i mån
av tid". It gets the relaxed SLA_MENTION_WORKING_HOURS (a working week by default), so it sorts
below every question and is flagged late only when it has waited that long; one that is a threat,
racism or a personal attack is urgent like any other comment.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

from django.conf import settings

from helsocial.workdays import add_working_hours

from .models import URGENT_LABELS, Comment

# Platforms with Meta's standard messaging window.
WINDOW_PLATFORMS = frozenset({"facebook", "instagram", "demo"})
# The kinds as plain strings: ingest compares them for every comment.
_MENTION = Comment.Kind.MENTION.value
_MESSAGE = Comment.Kind.MESSAGE.value


class Due(NamedTuple):  # a tuple: ingest makes one per comment, and a tuple is made fastest
    priority: int  # 0 urgent, 1 the rest
    due_at: datetime
    reply_window_ends_at: datetime | None
    sort_at: datetime


def due_at(received: datetime, *, urgent: bool = False) -> datetime:
    """The due time of something received then (aware datetime in TIME_ZONE)."""
    hours = settings.SLA_URGENT_WORKING_HOURS if urgent else settings.SLA_WORKING_HOURS
    return add_working_hours(received, _span(hours))


@lru_cache(maxsize=16)
def _span(hours: float) -> timedelta:
    """The setting's hours as the timedelta `add_working_hours` makes of them (rounded to
    microseconds), made once per value rather than for each comment of a batch."""
    return timedelta(hours=hours)


def reply_window_end(last_message_at: datetime) -> datetime:
    return last_message_at + timedelta(hours=settings.META_MESSAGING_WINDOW_HOURS)


def due_for(*, created_at: datetime, labels: Iterable[str], kind: str, platform: str) -> Due:
    urgent = not URGENT_LABELS.isdisjoint(labels)
    if kind == _MENTION and not urgent:
        due = add_working_hours(created_at, _span(settings.SLA_MENTION_WORKING_HOURS))
    else:
        due = due_at(created_at, urgent=urgent)
    window = None
    if kind == _MESSAGE and platform in WINDOW_PLATFORMS:
        window = reply_window_end(created_at)
    return Due(
        priority=0 if urgent else 1,
        due_at=due,
        reply_window_ends_at=window,
        sort_at=min(due, window) if window is not None else due,
    )
