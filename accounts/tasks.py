from celery import shared_task

from . import services_guideline


@shared_task(acks_late=True)
def guideline_revision_reminder() -> int:
    return services_guideline.guideline_revision_reminder_send()
