"""How a Celery task that talks to a platform waits before it tries again."""

from __future__ import annotations

from .base import PlatformUnavailable, RateLimited

# Tasks calling a platform retry with backoff: shared by every app's pull tasks.
RETRY = {"max_retries": 8, "retry_backoff": 30, "retry_backoff_max": 1800, "retry_jitter": True}


def retry_later(task, exc: PlatformUnavailable):
    """Raise the task's retry: as long as the platform asked for (plus a little), else the backoff."""
    countdown = exc.retry_after + 5 if isinstance(exc, RateLimited) and exc.retry_after else None
    raise task.retry(exc=exc, countdown=countdown)
