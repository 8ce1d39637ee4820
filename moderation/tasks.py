"""Celery tasks of the moderation app: ids in, one service call each."""

import logging
from datetime import timedelta

from celery import shared_task

from accounts.models import SocialAccount
from platforms.base import PlatformUnavailable
from platforms.retry import RETRY, retry_later
from platforms.selectors import pullable_account_ids

from . import pull, services
from .auto_hide import auto_hide_comments_task  # noqa: F401 - registered here for the worker

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    max_retries=8,
    autoretry_for=services.TRANSIENT_ERRORS,
    retry_backoff=5,
    retry_backoff_max=600,
    retry_jitter=True,
)
def process_webhook_delivery(delivery_id: int) -> None:
    # Idempotent: a delivery already settled is skipped, and ingesting is an upsert. A delivery that
    # cannot be processed is settled as failed by the service; only a database away raises here.
    services.webhook_delivery_process(delivery_id=delivery_id)


@shared_task(acks_late=True)
def webhook_sweep(older_than_seconds: float = 60) -> int:
    """Deliveries whose task never ran or died (broker down, worker killed) are processed here,
    each on its own: one that raises waits for the next sweep, and the rest are processed now."""
    pending = services.webhook_deliveries_unprocessed(older_than=timedelta(seconds=older_than_seconds))
    for pk in pending:
        try:
            services.webhook_delivery_process(delivery_id=pk)
        except Exception:  # the database away mid-sweep, or worse: never at the cost of the others
            logger.exception("webhook sweep: delivery %s waits for the next sweep", pk)
    return len(pending)


@shared_task(acks_late=True)
def evidence_sweep_removed_outside() -> int:
    """Comments removed on the platform by someone else get their evidence and registry mail."""
    from .evidence import evidence_sweep_removed_outside as sweep

    return sweep()


@shared_task(acks_late=True)
def comments_pseudonymise() -> int:
    """Gallring: pseudonymise comment authors and texts past COMMENT_RETENTION_DAYS."""
    from .retention import comments_pseudonymise as run

    return run()


@shared_task(acks_late=True)
def queue_reminders() -> int:
    """Each queue's owners hear of what is due within the hour and overdue, in working hours."""
    from .reminders import queue_reminders_send

    return queue_reminders_send()


@shared_task(bind=True, acks_late=True, **RETRY)
def pull_account_comments(self, account_id: int) -> dict:
    account = SocialAccount.objects.filter(pk=account_id).first()
    if account is None:  # deleted after it was queued
        return {}
    try:
        result = pull.account_pull_comments(account=account)
    except PlatformUnavailable as exc:
        retry_later(self, exc)
    return {"comments": result.comments, "skipped": result.skipped}


@shared_task(acks_late=True)
def pull_all_comments() -> int:
    ids = pullable_account_ids()
    for account_id in ids:
        pull_account_comments.delay(account_id)
    return len(ids)


# The comment pulls were metrics' tasks until they moved here: messages queued under the old names
# (and a beat still running the old schedule during a deploy) are passed on to the new tasks.
@shared_task(name="metrics.tasks.pull_account_comments", acks_late=True)
def pull_account_comments_by_old_name(account_id: int) -> None:
    pull_account_comments.delay(account_id)


@shared_task(name="metrics.tasks.pull_all_comments", acks_late=True)
def pull_all_comments_by_old_name() -> int:
    return pull_all_comments()


@shared_task(acks_late=True)
def triage_misses_mail() -> bool:
    """The week's triage misses to AKN (once per ISO week; nothing when there were none)."""
    from .misses import triage_misses_mail as send

    return send()
