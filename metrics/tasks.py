"""Celery tasks: beat fans out one pull per account; each task calls one service and is safe to rerun."""

from __future__ import annotations

from celery import shared_task

from accounts.models import SocialAccount

from . import press_releases, services
from .models import AccountConnection
from .platforms.base import PlatformUnavailable, RateLimited

RETRY = {"max_retries": 8, "retry_backoff": 30, "retry_backoff_max": 1800, "retry_jitter": True}


def pullable_account_ids() -> list[int]:
    """Accounts with a token (or on the demo platform) whose connection is not known to be broken."""
    broken = AccountConnection.objects.exclude(status=AccountConnection.Status.OK).values("account_id")
    with_token = SocialAccount.objects.exclude(access_token="") | SocialAccount.objects.filter(
        platform=SocialAccount.Platform.DEMO
    )
    return list(with_token.exclude(pk__in=broken).order_by("pk").values_list("pk", flat=True))


def _retry_later(task, exc: PlatformUnavailable):
    # The platform said how long to wait: wait that long (plus a little), not the generic backoff.
    countdown = exc.retry_after + 5 if isinstance(exc, RateLimited) and exc.retry_after else None
    raise task.retry(exc=exc, countdown=countdown)


@shared_task(bind=True, acks_late=True, **RETRY)
def pull_account(self, account_id: int, since: str | None = None) -> dict:
    account = SocialAccount.objects.filter(pk=account_id).first()
    if account is None:  # deleted after it was queued
        return {}
    from django.utils.dateparse import parse_datetime

    try:
        result = services.account_pull(account=account, since=parse_datetime(since) if since else None)
    except PlatformUnavailable as exc:
        _retry_later(self, exc)
    return {"posts": result.posts, "snapshots": result.snapshots, "skipped": result.skipped}


@shared_task(bind=True, acks_late=True, **RETRY)
def pull_account_comments(self, account_id: int) -> dict:
    account = SocialAccount.objects.filter(pk=account_id).first()
    if account is None:
        return {}
    try:
        result = services.account_pull_comments(account=account)
    except PlatformUnavailable as exc:
        _retry_later(self, exc)
    return {"comments": result.comments, "skipped": result.skipped}


@shared_task(acks_late=True)
def pull_all_posts() -> int:
    ids = pullable_account_ids()
    for account_id in ids:
        pull_account.delay(account_id)
    return len(ids)


@shared_task(acks_late=True)
def pull_all_comments() -> int:
    ids = pullable_account_ids()
    for account_id in ids:
        pull_account_comments.delay(account_id)
    return len(ids)


@shared_task(acks_late=True)
def token_expiry_reminders() -> int:
    return services.token_expiry_reminders_send()


@shared_task(bind=True, acks_late=True, **RETRY)
def press_releases_poll(self) -> dict:
    try:
        result = press_releases.press_releases_poll()
    except PlatformUnavailable as exc:
        _retry_later(self, exc)
    return {"posted": result.posted, "duplicates": result.duplicates, "skipped": result.skipped}
