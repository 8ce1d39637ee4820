"""Approval, where a förvaltning asks for it (`Administration.requires_approval`).

A communicator's booking there is "awaiting approval" until a lead of the förvaltning or AKN approves
it, or rejects it with a reason. Its slots stay planned meanwhile: the capacity rules and the
exclusion constraint count them, so nobody else takes the time. Nobody decides their own booking.
If nothing is decided within `BOOKING_APPROVAL_HOURS` working hours, or before the first slot
starts if that is sooner, the sweep (`booking_approvals_expire`, a beat task) releases the slots.
The leads get a mail when a booking waits; the author gets one on the decision.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from helsocial.mail import mail_enqueue
from helsocial.workdays import add_working_hours

from ..access import may_decide, needs_approval
from ..models import Approval, Booking, BookingLog, BookingSlot, Status
from .log import booking_log
from .slots import slots_bump_sequence


def approval_start(*, booking: Booking, by: User, first_start: datetime, now: datetime) -> None:
    """Called by `booking_create` in its transaction: mark the booking as waiting where the
    förvaltning asks for it, and tell its leads."""
    if not needs_approval(by, booking.administration):
        return
    booking.approval = Approval.PENDING
    booking.approval_due_at = min(add_working_hours(now, settings.BOOKING_APPROVAL_HOURS), first_start)
    booking.save(update_fields=["approval", "approval_due_at", "updated_at"])
    leads = (
        User.objects.filter(
            is_active=True,
            role_assignments__role=Role.LEAD,
            role_assignments__administration_id=booking.administration_id,
        )
        .exclude(pk=by.pk)
        .exclude(email="")
        .order_by("pk")
        .distinct()
    )
    emails = list(leads.values_list("email", flat=True))
    if emails:
        mail_enqueue(
            key=f"approval-wait:{booking.pk}",
            name="booking_approval_wait",
            to=emails,
            context={"booking": booking, "author": by},
        )


def _require_pending(booking: Booking) -> None:
    if booking.approval != Approval.PENDING or booking.status == Status.CANCELLED:
        raise ValidationError(_("The booking is not awaiting approval."), code="not_pending")


def _release(booking: Booking) -> list[int]:
    """Cancel the booking's planned slots (their times are free again) and the booking."""
    cancelled = list(
        booking.slots.select_for_update().filter(status=Status.PLANNED).values_list("pk", flat=True)
    )
    slots_bump_sequence(BookingSlot.objects.filter(pk__in=cancelled), status=Status.CANCELLED)
    booking.status = Status.CANCELLED
    return cancelled


def _mail_decided(booking: Booking, by: User | None, reason: str = "") -> None:
    author = booking.author
    if not author.email:
        return
    mail_enqueue(
        key=f"approval-decided:{booking.pk}",
        name="booking_approval_decided",
        to=[author.email],
        context={"booking": booking, "author": author, "by": by, "reason": reason},
    )


@transaction.atomic
def booking_approve(*, booking: Booking, by: User) -> Booking:
    """Approve a waiting booking; `booking` comes from `access_booking_to_decide(..., for_update=True)`."""
    if not may_decide(by, booking):
        raise PermissionDenied
    _require_pending(booking)
    booking.approval = Approval.APPROVED
    booking.save(update_fields=["approval", "updated_at"])
    booking_log(booking, by, BookingLog.Action.APPROVED)
    _mail_decided(booking, by)
    return booking


@transaction.atomic
def booking_reject(*, booking: Booking, by: User, reason: str) -> Booking:
    """Reject a waiting booking with a reason; its slots are released at once."""
    if not may_decide(by, booking):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the booking is rejected.")}, code="reason_required")
    _require_pending(booking)
    cancelled = _release(booking)
    booking.approval = Approval.REJECTED
    booking.save(update_fields=["approval", "status", "updated_at"])
    booking_log(booking, by, BookingLog.Action.REJECTED, {"slots": cancelled, "reason": reason})
    _mail_decided(booking, by, reason)
    return booking


def booking_approvals_expire(now: datetime | None = None) -> int:
    """Release every waiting booking whose deadline has passed; each in its own transaction, rows
    locked by a decision in progress are left for the next run. Returns how many were released."""
    now = now or timezone.now()
    released = 0
    due = list(
        Booking.objects.awaiting_approval().filter(approval_due_at__lte=now).values_list("pk", flat=True)
    )
    for pk in due:
        with transaction.atomic():
            booking = (
                Booking.objects.awaiting_approval()
                .filter(pk=pk, approval_due_at__lte=now)
                .select_related("author")
                .select_for_update(of=("self",), skip_locked=True)
                .first()
            )
            if booking is None:
                continue
            cancelled = _release(booking)
            booking.approval = Approval.EXPIRED
            booking.save(update_fields=["approval", "status", "updated_at"])
            booking_log(booking, None, BookingLog.Action.EXPIRED, {"slots": cancelled})
            _mail_decided(booking, None)
            released += 1
    return released
