"""The contact centre (KC): agreements to handle a förvaltning's comments, and the FAQ mail that
reaches KC the working day before a post that expects many comments."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import Administration, User
from helsocial import workdays
from helsocial.outbox.services import outbox_enqueue

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
    booking = slot.booking
    url = settings.SITE_URL + reverse("calendar_booking:booking-detail", args=[booking.pk])
    with override(settings.LANGUAGE_CODE):
        subject = _("FAQ for %(title)s, published %(time)s on %(account)s") % {
            "title": booking.title,
            "time": rules.fmt(slot.starts_at),
            "account": slot.account,
        }
        body = "\n\n".join(
            [
                _(
                    "%(administration)s expects many comments on a post "
                    "and has prepared a FAQ for the contact centre."
                )
                % {"administration": booking.administration},
                _("Post: %(title)s\nAccount: %(account)s\nTime: %(time)s\nContact: %(author)s <%(email)s>")
                % {
                    "title": booking.title,
                    "account": slot.account,
                    "time": rules.fmt(slot.starts_at),
                    "author": booking.author,
                    "email": booking.author.email,
                },
                _("FAQ:"),
                booking.faq_text,
                _("The booking: %(url)s") % {"url": url},
            ]
        )
    outbox_enqueue(
        key=f"faq:{booking.pk}:{day.isoformat()}", to=[settings.KC_EMAIL], subject=subject, body=body
    )
