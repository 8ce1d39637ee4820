"""Approval, where a förvaltning asks for it: the list of waiting bookings and the decision."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ..access import access_approvals, access_booking_to_decide
from ..forms_approval import APPROVE, ApprovalForm
from ..models import Approval, Status
from ..services import approval as approval_service

# The list is bounded: a förvaltning's waiting bookings are few, the city's a page of the oldest.
LIST_LIMIT = 100


@login_required
@require_GET
def approval_list(request: HttpRequest) -> HttpResponse:
    waiting = access_approvals(request.user)
    bookings = list(
        waiting.select_related("administration", "author")
        .exclude(author=request.user)
        .order_by("approval_due_at", "pk")[:LIST_LIMIT]
    )
    return render(
        request,
        "calendar_booking/approval_list.html",
        {"bookings": bookings, "limited": len(bookings) == LIST_LIMIT},
    )


@login_required
@require_http_methods(["GET", "POST"])
def booking_decide(request: HttpRequest, pk: int) -> HttpResponse:
    with transaction.atomic():
        booking = access_booking_to_decide(request.user, pk, for_update=request.method == "POST")
        form = ApprovalForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                if form.cleaned_data["decision"] == APPROVE:
                    approval_service.booking_approve(booking=booking, by=request.user)
                    message = _("The booking was approved.")
                else:
                    approval_service.booking_reject(
                        booking=booking, by=request.user, reason=form.cleaned_data["reason"]
                    )
                    message = _("The booking was rejected; its times are free again.")
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, message)
                return redirect("calendar_booking:booking-detail", pk=booking.pk)
    return render(
        request,
        "calendar_booking/booking_decide.html",
        {
            "form": form,
            "booking": booking,
            "waiting": booking.approval == Approval.PENDING and booking.status != Status.CANCELLED,
        },
    )
