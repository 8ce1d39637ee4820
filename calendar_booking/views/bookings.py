"""One booking: book, open, edit, cancel, and move one of its times."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from helsocial.ids import id_from

from .. import error_summary, selectors
from ..access import (
    access_booking,
    access_booking_create,
    access_booking_to_change,
    access_slot_to_change,
    can_change_booking,
    can_decide_booking,
)
from ..forms import BookingForm, CancelForm, MoveForm, slot_forms
from ..models import Approval, Status
from ..rules import zone
from ..services import bookings as bookings_service
from ..services import slots as slots_service


def _prefill(request: HttpRequest) -> list[dict]:
    """A click on a free time opens the form with ?account=<pk>&start=<ISO time>."""
    account = id_from(request.GET.get("account"))
    try:
        start = parse_datetime(request.GET.get("start", ""))
        if start is None or account is None:
            return []
        if timezone.is_naive(start):
            start = timezone.make_aware(start, zone())
        local = start.astimezone(zone())
    except (ValueError, OverflowError):  # a well-formed but impossible time: an empty form
        return []
    return [{"account": account, "starts_at": local.strftime("%Y-%m-%dT%H:%M")}]


def _needs_ack(exc: ValidationError) -> bool:
    """Whether the refusal is only the charged-content warning, which a tick acknowledges."""
    return any(getattr(e, "code", "") == "charged_needs_ack" for e in getattr(exc, "error_list", []))


def _add_errors(form, slots, exc: ValidationError) -> None:
    """The service's refusal on the form; "no account and time" on the first slot's account."""
    if slots and hasattr(exc, "error_dict"):
        rest = {}
        for name, errors in exc.error_dict.items():
            for error in errors:
                if error.code == "no_slots":
                    slots[0].add_error("account", error)
                else:
                    rest.setdefault(name, []).append(error)
        exc = ValidationError(rest) if rest else None
    if exc is not None:
        form.add_error(None, exc)


def _error_context(form, slots) -> dict:
    return {
        "problems": error_summary.problems(form, slots),
        "charged_warnings": error_summary.charged_warnings(form),
        "slot_problems": error_summary.slot_problems(form),
    }


@login_required
@require_http_methods(["GET", "POST"])
def booking_create(request: HttpRequest) -> HttpResponse:
    booker = access_booking_create(request.user)
    data = request.POST if request.method == "POST" else None
    form = BookingForm(data, administrations=booker.administrations)
    slots = slot_forms(
        data,
        accounts=selectors.bookable_accounts(booker.administrations, allow_x=booker.can_book_x),
        initial=_prefill(request),
    )
    needs_ack = False
    if request.method == "POST" and form.is_valid() and all(s.is_valid() for s in slots):
        times = [
            bookings_service.SlotTime(
                account=s.cleaned_data["account"], starts_at=s.cleaned_data["starts_at"]
            )
            for s in slots
            if s.cleaned_data.get("account")
        ]
        try:
            booking = bookings_service.booking_create(
                by=request.user,
                administration=form.cleaned_data["administration"],
                times=times,
                fields=form.booking_fields(),
                acknowledge_charged=form.cleaned_data["acknowledge_charged"],
                # The box is on the page only for those who may; anyone else's is not read.
                crisis_override=booker.can_override_capacity and form.cleaned_data["crisis_override"],
                allow_x=booker.can_book_x,
            )
        except ValidationError as exc:
            needs_ack = _needs_ack(exc)
            _add_errors(form, slots, exc)
        else:
            messages.success(request, _("The booking was saved."))
            return redirect("calendar_booking:booking-detail", pk=booking.pk)
    return render(
        request,
        "calendar_booking/booking_form.html",
        {
            **_error_context(form, slots),
            "form": form,
            "slots": slots,
            "booking": None,
            "needs_ack": needs_ack,
            "can_override_capacity": booker.can_override_capacity,
        },
    )


@login_required
@require_GET
def booking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    booking = access_booking(request.user, pk)
    return render(
        request,
        "calendar_booking/booking_detail.html",
        {
            "booking": booking,
            "slots": selectors.booking_slots(booking),
            "can_change": can_change_booking(request.user, booking),
            "can_decide": can_decide_booking(request.user, booking),
            "awaiting_approval": booking.approval == Approval.PENDING and booking.status != Status.CANCELLED,
            "handler_is_kc": selectors.comment_handler(booking) == "kc",
            "log": selectors.booking_log_rows(booking),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def booking_edit(request: HttpRequest, pk: int) -> HttpResponse:
    needs_ack = False
    with transaction.atomic():
        booking = access_booking_to_change(request.user, pk, for_update=request.method == "POST")
        form = BookingForm(request.POST or None, booking=booking)
        if request.method == "POST" and form.is_valid():
            try:
                bookings_service.booking_update(
                    booking=booking,
                    by=request.user,
                    fields=form.booking_fields(),
                    acknowledge_charged=form.cleaned_data["acknowledge_charged"],
                )
            except ValidationError as exc:
                needs_ack = _needs_ack(exc)
                _add_errors(form, [], exc)
            else:
                messages.success(request, _("The booking was saved."))
                return redirect("calendar_booking:booking-detail", pk=booking.pk)
    return render(
        request,
        "calendar_booking/booking_form.html",
        {
            **_error_context(form, []),
            "form": form,
            "slots": [],
            "booking": booking,
            "needs_ack": needs_ack,
            "can_override_capacity": False,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    with transaction.atomic():
        booking = access_booking_to_change(request.user, pk, for_update=request.method == "POST")
        form = CancelForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                bookings_service.booking_cancel(
                    booking=booking, by=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The booking was cancelled; its times are free again."))
                return redirect("calendar_booking:booking-detail", pk=booking.pk)
    return render(request, "calendar_booking/booking_cancel.html", {"form": form, "booking": booking})


@login_required
@require_http_methods(["GET", "POST"])
def slot_move(request: HttpRequest, pk: int) -> HttpResponse:
    with transaction.atomic():
        slot = access_slot_to_change(request.user, pk, for_update=request.method == "POST")
        booking = slot.booking
        initial = {"account": slot.account_id, "starts_at": slot.starts_at.astimezone(zone())}
        form = MoveForm(
            request.POST or None,
            accounts=selectors.bookable_accounts([booking.administration_id]),
            initial=initial,
        )
        if request.method == "POST" and form.is_valid():
            try:
                slots_service.booking_move(
                    slot=slot,
                    by=request.user,
                    account=form.cleaned_data["account"],
                    starts_at=form.cleaned_data["starts_at"],
                    acknowledge_charged=form.cleaned_data["acknowledge_charged"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The time was moved."))
                return redirect("calendar_booking:booking-detail", pk=booking.pk)
    return render(
        request, "calendar_booking/slot_move.html", {"form": form, "slot": slot, "booking": booking}
    )
