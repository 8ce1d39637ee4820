from celery import shared_task

from .services import approval, kc, slots


@shared_task(acks_late=True)
def faq_mails_send() -> int:
    # Idempotent: the outbox key faq:<booking>:<date> turns every rerun into a no-op.
    return kc.faq_mails_send()


@shared_task(acks_late=True)
def booking_slots_mark_missed() -> int:
    return slots.booking_slots_mark_missed()


@shared_task(acks_late=True)
def booking_approvals_expire() -> int:
    # Idempotent: a released booking is no longer waiting, and its mail's outbox key is unique.
    return approval.booking_approvals_expire()
