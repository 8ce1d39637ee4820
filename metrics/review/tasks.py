"""The review's nightly task: store every account's states for the history."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def review_store_task() -> int:
    """Judge every account and store today's states (a rerun the same day replaces them)."""
    return services.review_store()
