"""City-wide figures of the start page, kept in the cache so that no page view counts the city.

Some counts on the start page are the same for everyone who sees them and grow with the whole city:
AKN's open, due and overdue comments of every queue (hundreds of thousands of rows at the city's
size), the free slots left this week on the city-wide accounts. Counting them on every page view
would make the start page as slow as the city is large. Each such figure is registered here by its
app (the same way as accounts/start.py's providers, so the imports still run one way) and kept in
Django's cache with the time it was counted:

- the Celery beat task `accounts.tasks.start_summaries_refresh` counts every figure anew every
  `REFRESH_SECONDS`, so in production nobody waits for one;
- a page that finds no figure, or one older than `STALE_SECONDS` (the embedded default has no beat:
  there the first page after the lifetime counts it), counts it itself and keeps it;
- the actions that change a figure (handling a comment, moving it between queues, booking or
  cancelling a time) have the worker count it anew when their transaction commits
  (`recount_soon`), so what a person did leaves the count within seconds; a page never waits for
  that count (at the city's size one is handled every few seconds: forgetting the figure instead
  would make nearly every page count the city);
- the page says when a figure was counted ("räknat kl. 14:05");
- with the cache down (Redis stopped) the page counts the figure itself: slower, never an error.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from celery import shared_task
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from redis.exceptions import RedisError

# The beat task's period, and the age after which a page counts the figure itself.
REFRESH_SECONDS = 60
STALE_SECONDS = 90
# An action's count waits this long, so that the actions meanwhile share it: at the city's size one
# count reads every open comment, and KC handles one every few seconds.
RECOUNT_DELAY_SECONDS = 5
# A queued count not started within this long (a worker away) no longer holds the next one back.
PENDING_SECONDS = 30

logger = logging.getLogger(__name__)

Compute = Callable[[datetime], Any]

_figures: dict[str, Compute] = {}


@dataclass(frozen=True)
class Summary:
    value: Any
    counted_at: datetime


def register(name: str, compute: Compute) -> Compute:
    """Register `compute(now)`, which returns the figure (plain data: ints, strings, dicts, lists)."""
    _figures[name] = compute
    return compute


def names() -> list[str]:
    return sorted(_figures)


def _key(name: str) -> str:
    return f"start-summary:{name}"


def summary(name: str, now: datetime) -> Summary:
    """The figure as counted at most `STALE_SECONDS` from `now`: the kept one, else counted now."""
    try:
        kept = cache.get(_key(name))
    except (RedisError, OSError) as exc:
        logger.warning("start page: the cache is unreachable, counting %s now: %s", name, exc)
        kept = None
    if isinstance(kept, Summary) and abs(now - kept.counted_at) <= timedelta(seconds=STALE_SECONDS):
        return kept
    return refresh(name, now)


def refresh(name: str, now: datetime | None = None) -> Summary:
    """Count the figure now and keep it for `STALE_SECONDS`."""
    now = now or timezone.now()
    fresh = Summary(_figures[name](now), now)
    try:
        cache.set(_key(name), fresh, STALE_SECONDS)
    except (RedisError, OSError) as exc:
        logger.warning("start page: the cache is unreachable, %s is not kept: %s", name, exc)
    return fresh


def refresh_all(now: datetime | None = None) -> dict[str, float]:
    """Count every figure anew; returns the milliseconds each took (the beat task logs them)."""
    took = {}
    for name in names():
        started = time.perf_counter()
        refresh(name, now)
        took[name] = (time.perf_counter() - started) * 1000
    return took


def _pending_key(name: str) -> str:
    return f"start-summary-pending:{name}"


@shared_task(name="accounts.summary.summary_recount", acks_late=True)
def summary_recount(name: str) -> None:
    """Count one figure anew (queued by `recount_soon`). The mark is dropped before counting, so
    that an action that commits while this counts queues the next count."""
    cache.delete(_pending_key(name))
    if name in _figures:
        refresh(name)


def recount_soon(*names: str) -> None:
    """Once the current transaction commits, have the worker count the figures anew: the action
    that changed them (a comment handled, a booking made) shows on the pages within seconds
    (`RECOUNT_DELAY_SECONDS` and the count), and nobody waits for the count. Until it lands, pages
    show the kept figure with its time. A figure nobody has read (none kept) is not counted: the
    next page that shows it counts it. One count per figure is queued at a time, however many
    actions commit meanwhile. Without a broker (the embedded default) the count runs at the
    commit; with the broker down, the beat's next count catches up."""

    def send() -> None:
        for name in names:
            try:
                if cache.get(_key(name)) is None:
                    continue  # nothing kept to correct: the next page that shows it counts it
                if not cache.add(_pending_key(name), True, PENDING_SECONDS):
                    continue  # a count is queued and has not started: it will see this change
            except (RedisError, OSError):
                continue  # no cache to keep a count in: pages count the figure themselves
            try:
                summary_recount.apply_async(args=[name], countdown=RECOUNT_DELAY_SECONDS)
            except Exception:
                cache.delete(_pending_key(name))
                logger.warning(
                    "start page: could not queue a count of %s; the beat counts it", name, exc_info=True
                )

    transaction.on_commit(send, robust=True)


def forget_all_now() -> None:
    """Drop every kept figure and queued mark at once (a test's fresh start; after loading data
    by hand)."""
    try:
        cache.delete_many([key(name) for name in names() for key in (_key, _pending_key)])
    except (RedisError, OSError) as exc:  # a kept figure outlives its lifetime by no more than that
        logger.warning("start page: the cache is unreachable, its figures go out in time: %s", exc)
