"""Celery tasks: beat fans out one pull per account; each task calls one service and is safe to rerun."""

from __future__ import annotations

from celery import shared_task

from accounts.models import SocialAccount
from platforms.base import PlatformUnavailable
from platforms.retry import RETRY, retry_later
from platforms.selectors import pullable_account_ids

from . import press_releases, rollup, services


@shared_task(bind=True, acks_late=True, **RETRY)
def pull_account(self, account_id: int, since: str | None = None) -> dict:
    account = SocialAccount.objects.filter(pk=account_id).first()
    if account is None:  # deleted after it was queued
        return {}
    from django.utils.dateparse import parse_datetime

    try:
        result = services.account_pull(account=account, since=parse_datetime(since) if since else None)
    except PlatformUnavailable as exc:
        retry_later(self, exc)
    if result.months:
        rollup_months.delay(account.pk, [m.isoformat() for m in result.months])
    return {"posts": result.posts, "snapshots": result.snapshots, "skipped": result.skipped}


@shared_task(acks_late=True)
def rollup_months(account_id: int, months: list[str]) -> int:
    """Recompute the account's monthly figures for the months a pull touched (idempotent)."""
    from datetime import date

    return rollup.months_rollup(account_ids=[account_id], months=[date.fromisoformat(m) for m in months])


@shared_task(acks_late=True)
def pull_all_posts() -> int:
    ids = pullable_account_ids()
    for account_id in ids:
        pull_account.delay(account_id)
    return len(ids)


@shared_task(acks_late=True)
def token_expiry_reminders() -> int:
    return services.token_expiry_reminders_send()


@shared_task(bind=True, acks_late=True, **RETRY)
def press_releases_poll(self) -> dict:
    try:
        result = press_releases.press_releases_poll()
    except PlatformUnavailable as exc:
        retry_later(self, exc)
    return {"posted": result.posted, "duplicates": result.duplicates, "skipped": result.skipped}


# The account review's nightly task lives with the review; importing it here lets Celery find it.
from .review.tasks import review_store_task  # noqa: E402, F401


@shared_task(acks_late=True, ignore_result=True)
def monthly_reports_send() -> int:
    """Beat, every quarter hour: on the first working day of a month from 07:00 Europe/Stockholm,
    queue the month before's report mails (once; see metrics/reports/mail.py)."""
    from metrics.reports.mail import send_due_reports

    result = send_due_reports()
    return result.queued if result else 0
