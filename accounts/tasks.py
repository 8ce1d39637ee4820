from celery import shared_task

from . import services_guideline, summary


@shared_task(acks_late=True)
def guideline_revision_reminder() -> int:
    return services_guideline.guideline_revision_reminder_send()


@shared_task(acks_late=True)
def start_summaries_refresh() -> dict[str, float]:
    """Count the start page's city-wide figures anew (accounts/summary.py), so no page waits."""
    return summary.refresh_all()
