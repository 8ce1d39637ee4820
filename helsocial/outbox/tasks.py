"""Delivery tasks. Payloads are ids; the outbox row holds everything else."""

import logging

from celery import shared_task
from django.utils import timezone

from . import services

logger = logging.getLogger(__name__)

# A retry further away than this is left to the beat sweep (every minute) rather than held by a
# worker as an ETA task: Redis redelivers unacknowledged ETA tasks after its visibility timeout,
# and a long outage would otherwise park one task per row in worker memory.
TASK_RETRY_LIMIT_SECONDS = 300
RETRY_MARGIN_SECONDS = 0.5


@shared_task(bind=True, acks_late=True, max_retries=None, ignore_result=True)
def deliver_message(self, message_id: int) -> str:
    result = services.outbox_attempt(message_id=message_id)
    if result.outcome is services.Delivery.RETRY and result.retry_at is not None:
        # A little late rather than early: a task that finds its row not yet due does nothing.
        countdown = max((result.retry_at - timezone.now()).total_seconds(), 0.0) + RETRY_MARGIN_SECONDS
        if self.request.is_eager:
            # No broker (the laptop default): an eager retry would run at once, in a loop. The row is
            # pending with its next attempt time; `manage.py outbox_send` or the sweep sends it.
            logger.info("outbox: message %s left pending for outbox_send (no broker)", message_id)
        elif countdown <= TASK_RETRY_LIMIT_SECONDS:
            raise self.retry(countdown=countdown)
    return result.outcome.value


@shared_task(acks_late=True, ignore_result=True)
def outbox_sweep() -> int:
    return services.outbox_sweep()
