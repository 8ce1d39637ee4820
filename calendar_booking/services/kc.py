"""The contact centre (KC): agreements to handle a förvaltning's comments, and the FAQ mail that
reaches KC the working day before a post that expects many comments."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import Administration, User
from helsocial import workdays
from helsocial.mail import mail_enqueue

from .. import rules
from ..models import BookingLog, BookingSlot, KcAgreement, Status
from .log import booking_log


def kc_agreement_save(*, by: User, administration: Administration, values: dict) -> KcAgreement:
    agreement, _created = KcAgreement.objects.update_or_create(
        administration=administration, defaults={**values, "updated_by": by}
    )
    return agreement


def kc_agreement_end(*, agreement: KcAgreement) -> None:
    """The förvaltning handles its comments again."""
    agreement.delete()


def faq_mails_send(*, now: datetime | None = None) -> int:
    """Enqueue the FAQ mail to KC for each high-activity slot whose previous working day has come.

    Runs several times a day from beat; the outbox key makes every run after the first a no-op.
    """
    now = now or timezone.now()
    today = rules.local(now).date()
    horizon_end = rules.day_bounds(today + timedelta(days=14))[1]
    slots = (
        BookingSlot.objects.filter(
            status=Status.PLANNED,
            booking__expects_high_activity=True,
            starts_at__gte=rules.day_bounds(today)[0],
            starts_at__lt=horizon_end,
            faq_sent_at__isnull=True,
        )
        .select_related("booking", "booking__administration", "booking__author", "account")
        .order_by("starts_at", "pk")
    )
    sent = 0
    for slot in slots:
        day = rules.local(slot.starts_at).date()
        if workdays.previous_working_day(day) > today:
            continue  # not yet: the mail goes the working day before
        with transaction.atomic():
            _enqueue_faq(slot=slot, day=day)
            slot.faq_sent_at = now
            slot.save(update_fields=["faq_sent_at", "updated_at"])
            booking_log(
                slot.booking, None, BookingLog.Action.FAQ_SENT, {"slot": slot.pk, "to": settings.KC_EMAIL}
            )
        sent += 1
    return sent


def _enqueue_faq(*, slot: BookingSlot, day: date) -> None:
    mail_enqueue(
        key=f"faq:{slot.booking.pk}:{day.isoformat()}",
        name="faq",
        to=[settings.KC_EMAIL],
        context={"booking": slot.booking, "slot": slot},
    )
